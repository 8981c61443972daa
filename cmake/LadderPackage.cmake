# The Debian package, made by CPack from the install rules (scripts/package.sh; why CPack:
# docs/packaging.md). Depends comes from dpkg-shlibdeps on the installed programs, plus a
# CJK font: the window and the PDF reports are Chinese, and no shared library says so.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ladder)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
  OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # ladder_VERSION-RELEASE_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(LADDER_PACKAGE_MAINTAINER "Ladder developers <ladder@example.org>"
  CACHE STRING "Maintainer field of the Debian package")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${LADDER_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-wqy-microhei | fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# CPack writes the summary as the synopsis line and the description below it.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "enterprise tier cultivation registry (企业梯度培育管理)")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Ladder is a desktop application and command line for a provincial SME and
industry bureau. Clerks keep the firm registry and import the spreadsheets
they already have (CSV in UTF-8 or GBK, XLSX), with a report of every bad
cell. Each firm is evaluated against each cultivation tier's criteria with
reasons and gaps; reviewers approve promotions under four-eyes rules with a
tamper-evident audit trail; new firms are counted per tier, city, county and
industry chain against the annual quotas. Registries are SQLite files or a
PostgreSQL database.")
include(CPack)
