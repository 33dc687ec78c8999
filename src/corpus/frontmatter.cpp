// Front matter: a document that opens with a line `---`, then `key: value`
// lines, then a closing `---` (or `...`) line. Only the keys tally uses are
// kept; values may be quoted. Anything that is not such a block is text.
#include <string>

#include "corpus/formats.hpp"

namespace tally::detail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::string unquote(std::string_view v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
    v = v.substr(1, v.size() - 2);
  return std::string(v);
}

}  // namespace

std::optional<FrontMatter> parse_front_matter(std::string_view raw) {
  auto first_end = raw.find('\n');
  if (first_end == std::string_view::npos || trim(raw.substr(0, first_end)) != "---")
    return std::nullopt;
  FrontMatter fm;
  std::size_t pos = first_end + 1;
  constexpr std::size_t k_max_lines = 200;  // a longer "block" is not front matter
  for (std::size_t n = 0; pos < raw.size() && n < k_max_lines; ++n) {
    std::size_t eol = raw.find('\n', pos);
    std::size_t next = eol == std::string_view::npos ? raw.size() : eol + 1;
    std::string_view line = trim(raw.substr(pos, next - pos));
    if (line == "---" || line == "...") {
      fm.body_offset = next;
      return fm;
    }
    if (!line.empty() && line.front() != '#') {
      auto colon = line.find(':');
      if (colon == std::string_view::npos && line.front() != ' ' && line.front() != '-')
        return std::nullopt;  // not key: value, so not front matter
      if (colon != std::string_view::npos) {
        std::string_view key = trim(line.substr(0, colon));
        std::string value = unquote(trim(line.substr(colon + 1)));
        if (!value.empty()) {
          if (key == "source") fm.source = value;
          else if (key == "date") fm.date = value;
          else if (key == "title") fm.title = value;
          else if (key == "url") fm.url = value;
          else if (key == "id") fm.id = value;
        }
      }
    }
    pos = next;
  }
  return std::nullopt;
}

}  // namespace tally::detail
