// The lexicon files, compiled into the binary (see embed.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace tally::detail {

struct EmbeddedFile {
  std::string_view name;     // e.g. "units.tsv"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_lexicons();

}  // namespace tally::detail
