// Documents: building one from bytes, mapping offsets back to those bytes,
// and turning byte offsets into line and column.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "corpus/formats.hpp"
#include <tally/corpus.hpp>

namespace tally {

void OffsetMap::add(std::size_t text_pos, std::size_t raw_pos) {
  std::size_t prev_text = anchors_.empty() ? 0 : anchors_.back().text;
  std::size_t prev_raw = anchors_.empty() ? 0 : anchors_.back().raw;
  // An anchor that continues the current run adds nothing.
  if (raw_pos >= prev_raw && text_pos >= prev_text && raw_pos - prev_raw == text_pos - prev_text)
    return;
  if (!anchors_.empty() && prev_text == text_pos) {
    anchors_.back().raw = raw_pos;
    return;
  }
  anchors_.push_back({text_pos, raw_pos});
}

std::size_t OffsetMap::to_raw(std::size_t text_pos) const {
  if (anchors_.empty()) return std::min(text_pos, limit_);
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), text_pos,
                             [](std::size_t pos, const Anchor& a) { return pos < a.text; });
  if (it == anchors_.begin()) return std::min(text_pos, limit_);
  --it;
  return std::min(it->raw + (text_pos - it->text), limit_);
}

LineIndex::LineIndex(std::string_view raw) : raw_(raw) {
  starts_.push_back(0);
  cols_.reserve(raw.size() / k_stride + 1);
  std::size_t col = 1;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (i % k_stride == 0) cols_.push_back(col);
    if (raw[i] == '\n') {
      starts_.push_back(i + 1);
      col = 1;
    } else {
      col += (static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80;  // count lead bytes only
    }
  }
}

LineIndex::Position LineIndex::at(std::size_t raw_offset) const {
  raw_offset = std::min(raw_offset, raw_.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), raw_offset);
  std::size_t line = static_cast<std::size_t>(it - starts_.begin());
  std::size_t from = *(it - 1);
  std::size_t col = 1;
  // Resume from the last checkpoint on this line rather than its start.
  const std::size_t mark = raw_offset / k_stride;
  if (mark < cols_.size() && mark * k_stride > from) {
    from = mark * k_stride;
    col = cols_[mark];
  }
  for (std::size_t i = from; i < raw_offset; ++i)
    col += (static_cast<unsigned char>(raw_[i]) & 0xC0) != 0x80;
  return {line, col};
}

namespace detail {

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
  if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
  if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
  if (c == 0xF4 && b(i + 1) >= 0x90) return 0;  // past U+10FFFF
  return n;
}

namespace {

// Whether all eight bytes of `x` are printable ASCII (0x20 to 0x7F): no
// high bit, and no byte below 0x20 (the exact "has a byte less than n" test
// of Bit Twiddling Hacks). Lets prose, nearly all such bytes, be passed over
// a word at a time.
bool printable_ascii8(std::uint64_t x) {
  constexpr std::uint64_t k_ones = 0x0101010101010101, k_highs = 0x8080808080808080;
  return ((x | ((x - 0x20 * k_ones) & ~x)) & k_highs) == 0;
}

}  // namespace

std::size_t append_sanitized(std::string_view raw, std::size_t from, std::size_t to,
                             std::string& text, OffsetMap& map) {
  std::size_t bad = 0;
  map.add(text.size(), from);
  std::size_t run = from;  // start of the current run of good bytes
  std::size_t i = from;
  while (i < to) {
    std::uint64_t word;
    if (i + 8 <= to && (std::memcpy(&word, raw.data() + i, 8), printable_ascii8(word))) {
      i += 8;
      continue;
    }
    auto c = static_cast<unsigned char>(raw[i]);
    if (c >= 0x20 && c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = c == 0 ? 0 : utf8_sequence_length(raw.substr(0, to), i);
    if (n > 0) {
      i += n;
      continue;
    }
    text.append(raw.substr(run, i - run));
    if (c == 0) {
      text.push_back(' ');
    } else {
      ++bad;
      map.add(text.size(), i);
      text.append("\xEF\xBF\xBD");
    }
    ++i;
    map.add(text.size(), i);
    run = i;
  }
  text.append(raw.substr(run, to - run));
  return bad;
}

}  // namespace detail

Document make_document(std::string id, std::string raw, DocumentFormat format,
                       DiagnosticSink& sink) {
  return make_document(std::move(id), std::move(raw), format, sink, DocumentOptions{});
}

Document make_document(std::string id, std::string raw, DocumentFormat format,
                       DiagnosticSink& sink, const DocumentOptions& options) {
  Document doc;
  doc.meta.id = id;
  doc.format = format;
  doc.raw = std::move(raw);
  doc.origin = options.origin.empty() ? std::move(id) : options.origin;
  doc.origin_line = options.origin_line;
  std::string_view r = doc.raw;

  std::size_t body = 0;
  if (r.substr(0, 3) == "\xEF\xBB\xBF") body = 3;  // a UTF-8 byte-order mark is not text
  if (format != DocumentFormat::html && options.front_matter) {
    if (auto fm = detail::parse_front_matter(r.substr(body))) {
      if (fm->source) doc.meta.source = *fm->source;
      doc.meta.date = fm->date;
      doc.meta.title = fm->title;
      doc.meta.url = fm->url;
      body += fm->body_offset;
    }
  }

  std::size_t bad = 0;
  switch (format) {
    case DocumentFormat::text:
      bad = detail::append_sanitized(r, body, r.size(), doc.text, doc.map);
      break;
    case DocumentFormat::markdown:
      bad = detail::markdown_to_text(r, body, options.markdown_code, doc.text, doc.map);
      break;
    case DocumentFormat::html:
      bad = detail::html_to_text(r, doc.text, doc.map, doc.meta);
      break;
  }
  doc.map.set_limit(doc.raw.size());
  if (bad > 0)
    sink.report({Level::warning, doc.origin, doc.origin_line,
                 fmt::format("invalid UTF-8 ({} byte{}), read as U+FFFD", bad, bad == 1 ? "" : "s")});
  if (doc.meta.source.empty()) doc.meta.source = doc.meta.id;
  return doc;
}

}  // namespace tally
