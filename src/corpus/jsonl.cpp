// JSONL corpora: each line a JSON object holding one document.
//
// A bad line costs only itself: it becomes one diagnostic and the reader goes
// on with the next, so one stray byte in a million-line export drops one
// record, never the rest.
#include "corpus/jsonl.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tally::detail {
namespace {

constexpr std::size_t k_chunk = std::size_t{64} << 10;

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// nlohmann's messages start with "[json.exception.parse_error.101] parse
// error at line 1, column 7: "; within one line, the column is what helps.
std::string parse_message(const nlohmann::json::exception& e, std::size_t byte) {
  std::string_view what = e.what();
  auto colon = what.find(": ", what.find("column"));
  if (what.find("column") != std::string_view::npos && colon != std::string_view::npos)
    what.remove_prefix(colon + 2);
  else if (auto bracket = what.find("] "); bracket != std::string_view::npos)
    what.remove_prefix(bracket + 2);
  return fmt::format("invalid JSON at column {}: {}", byte, what);
}

class RecordReader {
 public:
  RecordReader(const std::string& path, DiagnosticSink& sink,
               const std::function<void(Document&&)>& visit)
      : path_(path), sink_(sink), visit_(visit) {}

  void line(std::string& text, std::size_t n) {
    if (blank(text)) return;
    if (std::size_t bad = sanitize_utf8(text))
      report(Level::warning, n, fmt::format("invalid UTF-8 ({} byte{}), read as U+FFFD", bad, bad == 1 ? "" : "s"));

    nlohmann::json record;
    try {
      record = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      report(Level::error, n, parse_message(e, e.byte));
      return;
    } catch (const nlohmann::json::exception& e) {
      report(Level::error, n, parse_message(e, 0));
      return;
    }
    text.clear();
    text.shrink_to_fit();  // a record can be large; do not keep two copies

    if (!record.is_object()) {
      report(Level::error, n, fmt::format("expected a JSON object, found {}", record.type_name()));
      return;
    }
    auto body = record.find("text");
    if (body == record.end()) {
      report(Level::error, n, "record has no \"text\"");
      return;
    }
    if (!body->is_string()) {
      report(Level::error, n, fmt::format("\"text\" is {}, not a string", body->type_name()));
      return;
    }

    std::string id;
    if (auto it = record.find("id"); it != record.end()) {
      if (it->is_string()) id = it->get<std::string>();
      else if (it->is_number_integer()) id = it->dump();  // numeric ids are common in exports
      else if (!it->is_null()) field_warning(n, "id", *it);
    }
    if (id.empty()) id = fmt::format("{}:{}", path_, n);

    DocumentOptions dopt;
    dopt.front_matter = false;  // the record's own fields say what front matter would
    dopt.origin = path_;
    dopt.origin_line = n;
    Document doc = make_document(std::move(id), std::move(body->get_ref<std::string&>()),
                                 DocumentFormat::text, sink_, dopt);
    if (auto v = string_field(record, "source", n)) doc.meta.source = std::move(*v);
    doc.meta.date = string_field(record, "date", n);
    doc.meta.title = string_field(record, "title", n);
    doc.meta.url = string_field(record, "url", n);
    ++documents_;
    visit_(std::move(doc));
  }

  void report(Level level, std::size_t n, std::string message) {
    sink_.report({level, path_, n, std::move(message)});
  }

  std::size_t documents() const { return documents_; }

 private:
  // A metadata field of the wrong type is ignored with a warning: the text
  // is still worth reading.
  std::optional<std::string> string_field(nlohmann::json& record, const char* key, std::size_t n) {
    auto it = record.find(key);
    if (it == record.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
      field_warning(n, key, *it);
      return std::nullopt;
    }
    std::string v = std::move(it->get_ref<std::string&>());
    if (v.empty()) return std::nullopt;
    return v;
  }

  void field_warning(std::size_t n, std::string_view key, const nlohmann::json& v) {
    report(Level::warning, n, fmt::format("\"{}\" is {}, not a string; ignored", key, v.type_name()));
  }

  const std::string& path_;
  DiagnosticSink& sink_;
  const std::function<void(Document&&)>& visit_;
  std::size_t documents_ = 0;
};

}  // namespace

bool LineReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    scanned_ -= pos_;
    pos_ = 0;
  }
  std::size_t old = buf_.size();
  buf_.resize(old + k_chunk);
  std::size_t got = in_.read(buf_.data() + old, k_chunk);
  buf_.resize(old + got);
  if (got == 0) eof_ = true;
  return got > 0;
}

LineReader::Result LineReader::next(std::string& line) {
  ++line_no_;
  line.clear();
  for (;;) {
    std::size_t nl = buf_.find('\n', std::max(pos_, scanned_));
    if (nl != std::string::npos) {
      std::size_t len = nl - pos_;
      std::size_t start = pos_;
      pos_ = scanned_ = nl + 1;
      if (len > max_line_) return Result::too_long;
      line.assign(buf_, start, len);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return Result::line;
    }
    scanned_ = buf_.size();
    if (buf_.size() - pos_ > max_line_) break;  // too long: skip the rest unread
    if (!fill()) {
      if (pos_ == buf_.size() || !in_.error().empty()) return Result::end;  // a cut line is no line
      line.assign(buf_, pos_, std::string::npos);
      pos_ = scanned_ = buf_.size();
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return Result::line;
    }
  }
  // Drop what is buffered and read on to the end of the line, one chunk at a
  // time, keeping only what follows it.
  buf_.clear();
  pos_ = scanned_ = 0;
  while (fill()) {
    std::size_t nl = buf_.find('\n');
    if (nl != std::string::npos) {
      pos_ = scanned_ = nl + 1;
      break;
    }
    buf_.clear();
    scanned_ = 0;
  }
  return Result::too_long;
}

std::size_t read_jsonl(std::unique_ptr<ByteSource> in, const std::string& path,
                       const CorpusOptions& options, DiagnosticSink& sink,
                       const std::function<void(Document&&)>& visit) {
  // The first bytes say the encoding; they are then read again as text.
  std::string head(k_chunk, '\0');
  std::size_t have = 0;
  while (have < head.size()) {
    std::size_t got = in->read(head.data() + have, head.size() - have);
    if (got == 0) break;
    have += got;
  }
  head.resize(have);
  std::unique_ptr<ByteSource> src;
  switch (sniff_encoding(head)) {
    case Encoding::binary:
      sink.report({Level::error, path, 0, "binary file (not text), skipped"});
      return 0;
    case Encoding::utf16le:
    case Encoding::utf16be: {
      bool be = sniff_encoding(head) == Encoding::utf16be;
      src = utf16_to_utf8(prefixed(head.substr(2), std::move(in)), be);
      break;
    }
    case Encoding::utf8:
      if (head.compare(0, 3, "\xEF\xBB\xBF") == 0) head.erase(0, 3);
      src = prefixed(std::move(head), std::move(in));
      break;
  }

  RecordReader records(path, sink, visit);
  LineReader lines(*src, options.max_document_bytes);
  std::string line;
  for (;;) {
    LineReader::Result r = lines.next(line);
    if (r == LineReader::Result::end) break;
    if (r == LineReader::Result::too_long) {
      records.report(Level::error, lines.line_number(),
                     fmt::format("line {}", over_limit_message(options.max_document_bytes)));
      continue;
    }
    records.line(line, lines.line_number());
  }
  if (!src->error().empty())
    records.report(Level::error, lines.line_number(),
                   fmt::format("{}; the lines before this one were read", src->error()));
  return records.documents();
}

}  // namespace tally::detail
