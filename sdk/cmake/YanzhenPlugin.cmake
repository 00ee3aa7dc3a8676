# yanzhen_add_plugin(<name> SOURCES <src>... [ID <id>] [VERSION <version>] [MANIFEST <template>]
#                    [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds a Yanzhen plugin: a shared module `<name>.so` with hidden visibility, no undefined
# symbols and the SDK on its include path, and beside it the manifest `<name>.plugin.json`,
# made from MANIFEST (default: manifest.json.in in the calling folder, else the SDK's generic
# template). In a template, these variables are filled in:
#   @YANZHEN_PLUGIN_ID@       ID (default: <name>)
#   @YANZHEN_PLUGIN_VERSION@  VERSION (default: PROJECT_VERSION)
#   @YANZHEN_PLUGIN_FILE@     the library's file name, <name>.so
#   @YANZHEN_ABI@             the SDK's ABI version, "major.minor", read from abi.h
# The library lands in OUTPUT_DIRECTORY (default: <build>/lib/yanzhen/plugins, where the host
# looks without flags) and installs to lib/yanzhen/plugins unless NO_INSTALL is given.
# The sources see YANZHEN_PLUGIN_ID and YANZHEN_PLUGIN_VERSION as string macros: use them in
# PluginInfo so that the library and its manifest always agree.

include_guard(GLOBAL)

# The ABI version, read from the header so that there is one place that says it.
function(_yanzhen_read_abi_version include_dir out_var)
    file(STRINGS "${include_dir}/yanzhen/abi.h" _major REGEX "^#define YANZHEN_ABI_MAJOR [0-9]+")
    file(STRINGS "${include_dir}/yanzhen/abi.h" _minor REGEX "^#define YANZHEN_ABI_MINOR [0-9]+")
    string(REGEX REPLACE ".* ([0-9]+)$" "\\1" _major "${_major}")
    string(REGEX REPLACE ".* ([0-9]+)$" "\\1" _minor "${_minor}")
    set(${out_var} "${_major}.${_minor}" PARENT_SCOPE)
endfunction()

function(yanzhen_add_plugin name)
    cmake_parse_arguments(ARG "NO_INSTALL" "ID;VERSION;MANIFEST;OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "yanzhen_add_plugin(${name}): SOURCES is required")
    endif()
    if(NOT ARG_ID)
        set(ARG_ID "${name}")
    endif()
    if(NOT ARG_VERSION)
        set(ARG_VERSION "${PROJECT_VERSION}")
    endif()
    if(NOT ARG_OUTPUT_DIRECTORY)
        set(ARG_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/lib/yanzhen/plugins")
    endif()
    if(NOT ARG_MANIFEST)
        if(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/manifest.json.in")
            set(ARG_MANIFEST "${CMAKE_CURRENT_SOURCE_DIR}/manifest.json.in")
        else()
            set(ARG_MANIFEST "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/plugin-manifest.json.in")
        endif()
    endif()

    add_library(${name} MODULE ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Yanzhen::sdk)
    if(TARGET yanzhen_warnings)
        target_link_libraries(${name} PRIVATE yanzhen_warnings) # in the Yanzhen tree only
    endif()
    target_compile_features(${name} PRIVATE cxx_std_20)
    # The code and the manifest say the same id and version because both come from here.
    target_compile_definitions(${name} PRIVATE
        YANZHEN_PLUGIN_ID="${ARG_ID}" YANZHEN_PLUGIN_VERSION="${ARG_VERSION}")
    set_target_properties(${name} PROPERTIES
        PREFIX ""
        OUTPUT_NAME "${name}"
        LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}"
        CXX_VISIBILITY_PRESET hidden
        C_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        POSITION_INDEPENDENT_CODE ON)
    # Every symbol resolved at link time: a plugin that needs something the host does not
    # promise fails to build, not to load.
    target_link_options(${name} PRIVATE "LINKER:--no-undefined")
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        # Keep the plugin's statics its own; GNU-unique symbols would also pin it in memory.
        target_compile_options(${name} PRIVATE -fno-gnu-unique)
    endif()

    # YANZHEN_SDK_INCLUDE_DIR is set by the SDK's package config, or by sdk/ in the source tree.
    _yanzhen_read_abi_version("${YANZHEN_SDK_INCLUDE_DIR}" YANZHEN_ABI)
    set(YANZHEN_PLUGIN_ID "${ARG_ID}")
    set(YANZHEN_PLUGIN_VERSION "${ARG_VERSION}")
    set(YANZHEN_PLUGIN_FILE "${name}.so")
    configure_file("${ARG_MANIFEST}" "${ARG_OUTPUT_DIRECTORY}/${name}.plugin.json" @ONLY)

    if(NOT ARG_NO_INSTALL)
        install(TARGETS ${name} LIBRARY DESTINATION lib/yanzhen/plugins COMPONENT plugins)
        install(FILES "${ARG_OUTPUT_DIRECTORY}/${name}.plugin.json"
                DESTINATION lib/yanzhen/plugins COMPONENT plugins)
    endif()
endfunction()
