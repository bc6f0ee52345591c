# pkg-config files: csikit.pc (the C++ library) and csikit_c.pc (the C ABI), docs/c_api.md.
# They are written at INSTALL time, so `cmake --install build --prefix P` (a staged install, a
# package build with DESTDIR) gets prefix=P, not the configure-time CMAKE_INSTALL_PREFIX.
# The build tree also gets csikit_c-uninstalled.pc in ${PROJECT_BINARY_DIR}/pkgconfig:
# pkg-config prefers NAME-uninstalled.pc when that directory is on PKG_CONFIG_PATH, so
# `PKG_CONFIG_PATH=build/pkgconfig pkg-config --libs csikit_c` links the library just built
# (bindings/r/configure uses it with CSIKIT_BUILD_DIR).
#
# CSIKIT_PC_REQUIRES_PRIVATE / CSIKIT_PC_LIBS_PRIVATE: what a STATIC link of libcsikit.a needs
# beyond Eigen (pkg-config modules / -l flags). A compiled dependency added to the core (e.g. the
# readers' ReadStat, libzip, pugixml, libxlsxwriter) appends itself here.
set(CSIKIT_PC_REQUIRES_PRIVATE "" CACHE STRING "pkg-config modules a static link of libcsikit needs")
set(CSIKIT_PC_LIBS_PRIVATE "" CACHE STRING "-l flags a static link of libcsikit needs")
set(_pc_dir ${CMAKE_CURRENT_LIST_DIR}/pkgconfig)

# The ABI generation, from the header (as src/capi/CMakeLists.txt reads it).
file(STRINGS ${PROJECT_SOURCE_DIR}/include/csikit/csikit.h _pc_abi_line REGEX "^#define CSIKIT_ABI_VERSION [0-9]+")
string(REGEX REPLACE "^#define CSIKIT_ABI_VERSION ([0-9]+).*" "\\1" _pc_abi "${_pc_abi_line}")

# The uninstalled variant of the C ABI file: headers from the sources, library from the build.
if(TARGET csikit_c)
  file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/pkgconfig/csikit_c-uninstalled.pc CONTENT
"# csikit_c in the build tree ${PROJECT_BINARY_DIR} (not installed): PKG_CONFIG_PATH=${PROJECT_BINARY_DIR}/pkgconfig
libdir=$<TARGET_FILE_DIR:csikit_c>
includedir=${PROJECT_SOURCE_DIR}/include
abi_version=${_pc_abi}

Name: csikit_c
Description: The stable C ABI of csikit (uninstalled, build tree)
Version: ${PROJECT_VERSION}
Cflags: -I\${includedir}
Libs: -L\${libdir} -lcsikit_c
")
endif()

# libdir/includedir relative to ${prefix} unless the project was configured with absolute ones.
foreach(_d LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_d}}")
    set(_pc_${_d} "${CMAKE_INSTALL_${_d}}")
  else()
    set(_pc_${_d} "\${prefix}/${CMAKE_INSTALL_${_d}}")
  endif()
endforeach()
set(_pc_files csikit)
if(TARGET csikit_c)
  list(APPEND _pc_files csikit_c)
endif()
foreach(_pc ${_pc_files})
  # At install time: the prefix given to `cmake --install --prefix` (CMAKE_INSTALL_PREFIX there).
  install(CODE "
    set(PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
    set(PC_LIBDIR [[${_pc_LIBDIR}]])
    set(PC_INCLUDEDIR [[${_pc_INCLUDEDIR}]])
    set(PROJECT_VERSION \"${PROJECT_VERSION}\")
    set(CSIKIT_C_ABI_VERSION \"${_pc_abi}\")
    set(PC_REQUIRES_PRIVATE \"${CSIKIT_PC_REQUIRES_PRIVATE}\")
    set(PC_LIBS_PRIVATE \"${CSIKIT_PC_LIBS_PRIVATE}\")
    configure_file(\"${_pc_dir}/${_pc}.pc.in\" \"${PROJECT_BINARY_DIR}/pkgconfig/install/${_pc}.pc\" @ONLY)
  ")
  install(FILES ${PROJECT_BINARY_DIR}/pkgconfig/install/${_pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()
