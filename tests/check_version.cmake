# `PROGRAM --version` names the program and its version, the schema version, every rule set
# shipped in RULES_DIR and the git revision (in either language), and exits 0.
# Usage: cmake -DPROGRAM=... -DNAME=ladder-cli -DRULES_DIR=resources/rules -P check_version.cmake
unset(ENV{DISPLAY})
unset(ENV{WAYLAND_DISPLAY})
execute_process(COMMAND "${PROGRAM}" --version RESULT_VARIABLE result OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} --version exited ${result}: ${err}")
endif()
if(NOT out MATCHES "^${NAME} [0-9]+\\.[0-9]+\\.[0-9]+\n[^\n]*[0-9]+\n[^\n]+\n[^\n]+\n?$")
  message(FATAL_ERROR "unexpected --version output:\n${out}")
endif()
file(GLOB rule_files "${RULES_DIR}/*.toml")
foreach(rule_file IN LISTS rule_files)
  get_filename_component(rule_id "${rule_file}" NAME_WE)
  if(NOT out MATCHES "[ (:：]${rule_id} \\(")
    message(FATAL_ERROR "--version does not name the shipped rule set ${rule_id}:\n${out}")
  endif()
endforeach()
message(STATUS "${out}")
