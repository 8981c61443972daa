# Fails when a gettext catalog does not compile with format checks, or when it still has
# untranslated or fuzzy messages.
# Usage: cmake -DMSGFMT=/usr/bin/msgfmt -DPO=resources/locale/zh_CN.po -P check_catalog.cmake
if(NOT MSGFMT)
  find_program(MSGFMT msgfmt)
endif()
if(NOT MSGFMT)
  message(FATAL_ERROR "msgfmt not found (install gettext)")
endif()
if(NOT PO OR NOT EXISTS "${PO}")
  message(FATAL_ERROR "no catalog given or found: '${PO}'")
endif()
# msgfmt's own messages are translated too; the statistics must be read in English.
set(ENV{LC_ALL} C)
set(ENV{LANGUAGE} "")
execute_process(
  COMMAND "${MSGFMT}" --check-format --statistics -o /dev/null "${PO}"
  RESULT_VARIABLE result
  OUTPUT_VARIABLE out
  ERROR_VARIABLE out)
string(STRIP "${out}" out)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${PO} does not compile:\n${out}")
endif()
if(out MATCHES "untranslated|fuzzy")
  message(FATAL_ERROR "${PO} is incomplete: ${out}\n"
    "Run scripts/update-po.sh and translate the entries that "
    "'msgattrib --untranslated' and 'msgattrib --only-fuzzy' list.")
endif()
message(STATUS "${PO}: ${out}")
