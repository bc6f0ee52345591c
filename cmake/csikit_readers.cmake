# The libraries of the labelled-file readers and the table writer (docs/data.md): ReadStat
# (SPSS/Stata), libzip + pugixml (Excel .xlsx in), libxlsxwriter (result tables out). Found by
# their headers and library files (ReadStat ships no pkg-config or CMake file), as IMPORTED
# targets csikit_dep::<name>. Installed next to csikitConfig.cmake, which includes it, so that a
# consumer of the static library links them too.
foreach(_dep readstat:readstat.h zip:zip.h pugixml:pugixml.hpp xlsxwriter:xlsxwriter.h)
  string(REPLACE ":" ";" _pair ${_dep})
  list(GET _pair 0 _lib)
  list(GET _pair 1 _header)
  if(NOT TARGET csikit_dep::${_lib})
    find_path(CSIKIT_${_lib}_INCLUDE_DIR ${_header})
    find_library(CSIKIT_${_lib}_LIBRARY ${_lib})
    if(NOT CSIKIT_${_lib}_INCLUDE_DIR OR NOT CSIKIT_${_lib}_LIBRARY)
      message(FATAL_ERROR "csikit needs lib${_lib} (${_header}); on Debian: scripts/setup.sh installs it")
    endif()
    add_library(csikit_dep::${_lib} UNKNOWN IMPORTED)
    set_target_properties(csikit_dep::${_lib} PROPERTIES
      IMPORTED_LOCATION ${CSIKIT_${_lib}_LIBRARY}
      INTERFACE_INCLUDE_DIRECTORIES ${CSIKIT_${_lib}_INCLUDE_DIR})
  endif()
endforeach()
