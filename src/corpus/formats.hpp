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

// Length of the valid UTF-8 sequence at s[i], or 0 if it is invalid (overlong
// forms, surrogates and values past U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// A leading `---` block of `key: value` lines (YAML-like front matter).
struct FrontMatter {
  std::optional<std::string> source, date, title, url, id;
  std::size_t body_offset = 0;  // first raw byte after the closing `---` line
};
std::optional<FrontMatter> parse_front_matter(std::string_view raw);

// Markdown (md4c): prose, headings, lists and tables are text; link targets,
// images, raw HTML (comments included) and (unless `code`) code spans and
// blocks are not. Reads raw[body_offset, end). Returns the number of invalid
// UTF-8 sequences replaced by U+FFFD.
std::size_t markdown_to_text(std::string_view raw, std::size_t body_offset, bool code,
                             std::string& text, OffsetMap& map);

// HTML (gumbo): the body's text without script, style, nav, footer, noscript,
// template and hidden elements; entities decoded; runs of white space
// collapsed to one space as a browser shows them (except in <pre>). Fills
// meta.title from <title>, meta.date from <meta name="date"> or
// <meta property="article:published_time"> (the date part), and meta.source,
// if it is empty, from <meta property="og:site_name">. Returns the number of
// invalid UTF-8 sequences in `raw` (gumbo reads each as U+FFFD).
std::size_t html_to_text(std::string_view raw, std::string& text, OffsetMap& map,
                         DocumentMeta& meta);

}  // namespace tally::detail
