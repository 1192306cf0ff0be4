# Writes OUTPUT, a C++ file defining nagare::serve::asset() over the files in ASSETS (a
# ;-separated list), each as a raw string literal. Run at build time so an edited asset
# rebuilds the binary.
set(body "")
foreach(file ${ASSETS})
  file(READ ${file} content)
  get_filename_component(name ${file} NAME)
  string(FIND "${content}" ")nagare_asset\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} holds the raw string delimiter")
  endif()
  string(APPEND body "  if (name == \"${name}\") return R\"nagare_asset(${content})nagare_asset\";\n")
endforeach()
file(WRITE ${OUTPUT} "// Generated from src/serve/assets by src/serve/embed_assets.cmake.\n"
"#include \"assets.h\"\n\nnamespace nagare::serve {\n\n"
"std::string_view asset(std::string_view name) {\n${body}  return {};\n}\n\n"
"}  // namespace nagare::serve\n")
