# Fails when a layer reaches past the one below it (docs/architecture.md):
#   model/    no wx, SOCI, SQLite or db/ (the pure domain)
#   db/       no wx
#   report/   no db/, services/, wx or SOCI (it draws model values)
#   services/ no SOCI, SQLite, wx, db internals or SQL text: the SQL is in db/ repositories
#   app/      no SOCI, SQLite or SQL text; from db/ only db/database.hpp and the repositories
#             not yet behind a service (app_db_headers below: the list only shrinks)
file(GLOB_RECURSE model_files "${SOURCE_DIR}/model/*.cpp" "${SOURCE_DIR}/model/*.hpp")
file(GLOB_RECURSE db_files "${SOURCE_DIR}/db/*.cpp" "${SOURCE_DIR}/db/*.hpp")
file(GLOB_RECURSE report_files "${SOURCE_DIR}/report/*.cpp" "${SOURCE_DIR}/report/*.hpp")
file(GLOB_RECURSE services_files "${SOURCE_DIR}/services/*.cpp" "${SOURCE_DIR}/services/*.hpp")
file(GLOB_RECURSE app_files "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.hpp")
set(sql_text "\"(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM) ")
# The db/ headers the front ends may include. database.hpp opens a registry; the others are
# read paths still called directly and are to move behind services; schema_version is the
# number --version prints.
set(app_db_headers database audit_repository audit_trail database_roles firm_query
  registry_repository schema_version
  tally_service)
string(REPLACE ";" "|" app_db_allowed "${app_db_headers}")
set(bad "")
macro(check files regex)
  foreach(f IN LISTS ${files})
    file(STRINGS "${f}" hits REGEX "${regex}")
    if(hits)
      list(APPEND bad "${f}: ${hits}")
    endif()
  endforeach()
endmacro()
check(model_files "#include [<\"](wx/|soci/|sqlite3|libpq|db/|services/|report/)")
check(db_files "#include [<\"](wx/|services/|report/)")
check(report_files "#include [<\"](wx/|soci/|sqlite3|libpq|db/|services/)")
check(services_files "#include [<\"](wx/|soci/|sqlite3|libpq|.*_impl[.]hpp)|soci::|${sql_text}")
check(app_files "#include [<\"](soci/|sqlite3|libpq)|${sql_text}")
foreach(f IN LISTS app_files)
  file(STRINGS "${f}" includes REGEX "#include [<\"]db/")
  foreach(line IN LISTS includes)
    if(NOT line MATCHES "#include [<\"]db/(${app_db_allowed})[.]hpp")
      list(APPEND bad "${f}: ${line} (front ends call services/, not db/ internals)")
    endif()
  endforeach()
endforeach()
if(bad)
  string(REPLACE ";" "\n" msg "${bad}")
  message(FATAL_ERROR "layering violations:\n${msg}")
endif()
