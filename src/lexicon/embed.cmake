# Turns the lexicon files (*.tsv beside this script) into one C++ source that
# holds each file as a string_view, so the binary needs no data files at run
# time. Run by src/CMakeLists.txt as a custom command:
#   cmake -DOUT=lexicon_data.cpp -DFILES="a.tsv|b.tsv" -P embed.cmake
set(body "// Generated from src/lexicon/*.tsv by embed.cmake. Do not edit.\n")
string(APPEND body "#include \"lexicon/lexicon_data.hpp\"\n\nnamespace tally::detail {\n\n")
string(APPEND body "const std::vector<EmbeddedFile>& embedded_lexicons() {\n")
string(APPEND body "  static const std::vector<EmbeddedFile> files = {\n")
string(REPLACE "|" ";" FILES "${FILES}")
foreach(f IN LISTS FILES)
  get_filename_component(name "${f}" NAME)
  file(READ "${f}" content)
  string(FIND "${content}" ")TALLYLEX\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw-string delimiter")
  endif()
  string(APPEND body "    {\"${name}\", R\"TALLYLEX(${content})TALLYLEX\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n\n}  // namespace tally::detail\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
