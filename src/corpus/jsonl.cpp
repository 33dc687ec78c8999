// JSONL corpora: each line a JSON object holding one document.
//
// A bad line costs only itself: it becomes one diagnostic and the reader goes
// on with the next, so one stray byte in a million-line export drops one
// record, never the rest.
#include "corpus/jsonl.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

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

// A JSON value of a record, as much of it as the reader needs, whichever
// parser read it.
struct FieldValue {
  std::string_view type;  // nlohmann's names: "string", "number", "null", ...
  std::string text;       // a string's value, or an integer's digits
  bool is_integer = false;
};

// The fields a record may have; absent ones stay empty.
struct RecordFields {
  std::string_view type = "object";  // of the whole line
  std::optional<FieldValue> text, id, source, date, title, url;

  std::optional<FieldValue>* slot(std::string_view key) {
    if (key == "text") return &text;
    if (key == "id") return &id;
    if (key == "source") return &source;
    if (key == "date") return &date;
    if (key == "title") return &title;
    if (key == "url") return &url;
    return nullptr;
  }
};

std::string_view type_name(simdjson::dom::element_type t) {
  using T = simdjson::dom::element_type;
  switch (t) {
    case T::ARRAY: return "array";
    case T::OBJECT: return "object";
    case T::STRING: return "string";
    case T::BOOL: return "boolean";
    case T::NULL_VALUE: return "null";
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE: return "number";
  }
  return "value";
}

// The fast path: simdjson validates the whole line (structure, UTF-8) at
// gigabytes per second. `line` must have SIMDJSON_PADDING bytes of capacity
// past its size. Any error (malformed JSON, an integer past 64 bits) sends
// the line to the slow path, which either reads it or names the column.
bool read_fast(simdjson::dom::parser& parser, const std::string& line, RecordFields& out) {
  simdjson::dom::element root;
  if (parser.parse(line.data(), line.size(), false).get(root) != simdjson::SUCCESS) return false;
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) {
    out.type = type_name(root.type());
    return true;
  }
  for (auto [key, value] : object) {  // a repeated key: the last one counts, as in the slow path
    std::optional<FieldValue>* slot = out.slot(key);
    if (!slot) continue;
    FieldValue& f = slot->emplace();
    f.type = type_name(value.type());
    if (value.is_string()) {
      f.text = std::string_view(value);
    } else if (value.is_int64()) {
      f.is_integer = true;
      f.text = std::to_string(int64_t(value));
    } else if (value.is_uint64()) {
      f.is_integer = true;
      f.text = std::to_string(uint64_t(value));
    }
  }
  return true;
}

// The slow path, nlohmann: slower, but its errors say where the line broke.
// Returns the diagnostic when the line is not JSON.
std::optional<std::string> read_slow(std::string& line, RecordFields& out) {
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    return parse_message(e, e.byte);
  } catch (const nlohmann::json::exception& e) {
    return parse_message(e, 0);
  }
  if (!record.is_object()) {
    out.type = record.type_name();
    return std::nullopt;
  }
  for (auto& [key, value] : record.items()) {
    std::optional<FieldValue>* slot = out.slot(key);
    if (!slot) continue;
    FieldValue& f = slot->emplace();
    f.type = value.type_name();
    if (value.is_string()) {
      f.text = std::move(value.get_ref<std::string&>());
    } else if (value.is_number_integer()) {
      f.is_integer = true;
      f.text = value.dump();
    }
  }
  return std::nullopt;
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

    RecordFields record;
    bool fast = false;
    if (text.size() <= k_fast_line) {
      text.reserve(text.size() + simdjson::SIMDJSON_PADDING);
      fast = read_fast(parser_, text, record);
    }
    if (!fast) {
      if (auto error = read_slow(text, record)) {
        report(Level::error, n, *error);
        return;
      }
    }
    if (text.capacity() > k_fast_line) {
      text.clear();
      text.shrink_to_fit();  // a huge record: do not keep its buffer for the next line
    }

    if (record.type != "object") {
      report(Level::error, n, fmt::format("expected a JSON object, found {}", record.type));
      return;
    }
    if (!record.text) {
      report(Level::error, n, "record has no \"text\"");
      return;
    }
    if (record.text->type != "string") {
      report(Level::error, n, fmt::format("\"text\" is {}, not a string", record.text->type));
      return;
    }

    std::string id;
    if (record.id) {
      if (record.id->type == "string" || record.id->is_integer) id = std::move(record.id->text);  // numeric ids are common in exports
      else if (record.id->type != "null") field_warning(n, "id", record.id->type);
    }
    if (id.empty()) id = fmt::format("{}:{}", path_, n);

    DocumentOptions dopt;
    dopt.front_matter = false;  // the record's own fields say what front matter would
    dopt.origin = path_;
    dopt.origin_line = n;
    Document doc = make_document(std::move(id), std::move(record.text->text), DocumentFormat::text, sink_, dopt);
    if (auto v = string_field(record.source, "source", n)) doc.meta.source = std::move(*v);
    doc.meta.date = string_field(record.date, "date", n);
    doc.meta.title = string_field(record.title, "title", n);
    doc.meta.url = string_field(record.url, "url", n);
    ++documents_;
    visit_(std::move(doc));
  }

  void report(Level level, std::size_t n, std::string message) {
    sink_.report({level, path_, n, std::move(message)});
  }

  std::size_t documents() const { return documents_; }

 private:
  // Lines up to this size take the fast path. simdjson's working memory is a
  // multiple of the largest line it has parsed, so a rare giant record goes
  // to the slow path, whose memory is about the size of the record.
  static constexpr std::size_t k_fast_line = std::size_t{16} << 20;

  // A metadata field of the wrong type is ignored with a warning: the text
  // is still worth reading.
  std::optional<std::string> string_field(std::optional<FieldValue>& field, const char* key, std::size_t n) {
    if (!field || field->type == "null") return std::nullopt;
    if (field->type != "string") {
      field_warning(n, key, field->type);
      return std::nullopt;
    }
    if (field->text.empty()) return std::nullopt;
    return std::move(field->text);
  }

  void field_warning(std::size_t n, std::string_view key, std::string_view type) {
    report(Level::warning, n, fmt::format("\"{}\" is {}, not a string; ignored", key, type));
  }

  const std::string& path_;
  DiagnosticSink& sink_;
  const std::function<void(Document&&)>& visit_;
  simdjson::dom::parser parser_;
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
