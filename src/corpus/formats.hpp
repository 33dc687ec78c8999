// Internal: how each input format becomes a Document's text.
//
// Every converter appends to `text` and records in `map` where each piece of
// text came from in the raw bytes, so offsets of figures found in the text can
// be reported as offsets into the original file. Block boundaries (paragraphs,
// list items, table cells, headings, HTML block elements) become "\n\n" in the
// text so that they end sentences.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <tally/corpus.hpp>

namespace tally::detail {

// Appends raw[from, to) to `text`, replacing each invalid UTF-8 sequence by
// U+FFFD and NUL bytes by spaces, and maps every piece back. Returns the
// number of invalid sequences replaced.
std::size_t append_sanitized(std::string_view raw, std::size_t from, std::size_t to,
                             std::string& text, OffsetMap& map);

// A leading `---` block of `key: value` lines (YAML-like front matter).
struct FrontMatter {
  std::optional<std::string> source, date, title, url, id;
  std::size_t body_offset = 0;  // first raw byte after the closing `---` line
};
std::optional<FrontMatter> parse_front_matter(std::string_view raw);

// Markdown (md4c): prose, headings, lists and tables are text; link targets,
// HTML comments and (unless `code`) code spans and blocks are not.
void markdown_to_text(std::string_view raw, std::size_t body_offset, bool code,
                      std::string& text, OffsetMap& map);

// HTML (gumbo): the body's text without script, style, nav, footer and hidden
// elements; entities decoded. Fills title and date from <title> and <meta>.
void html_to_text(std::string_view raw, std::string& text, OffsetMap& map, DocumentMeta& meta);

}  // namespace tally::detail
