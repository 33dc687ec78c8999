// Documents and the corpus reader: from paths on the command line to
// documents whose text is ready for extraction.
//
// A Document keeps two strings. `raw` is the input exactly as read (a file's
// bytes, or the decoded `text` of a JSONL record); every offset tally prints
// points into it. `text` is what extraction reads: markup removed (Markdown,
// HTML), entities decoded, invalid UTF-8 replaced. `map` turns an offset in
// `text` back into an offset in `raw`.
//
//   tally::CorpusOptions opts;
//   tally::CollectingSink diags;
//   tally::read_corpus({"news/", "extra.jsonl"}, opts, diags,
//                      [](tally::Document&& doc) { ... });
//
// Documents arrive in a stable order (command-line order; directories walked
// in byte order of their names), one at a time, so a JSONL corpus of any size
// streams in bounded memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tally/error.hpp>

namespace tally {

// Maps offsets of a derived text back to the raw bytes it came from. Anchors
// are (text offset, raw offset) pairs in increasing order; between two
// anchors the mapping is the identity shifted by the last anchor. An empty map
// is the identity.
class OffsetMap {
 public:
  // Appends an anchor: text offset `text_pos` corresponds to `raw_pos`.
  // Calls must come in increasing order of `text_pos`.
  void add(std::size_t text_pos, std::size_t raw_pos);
  std::size_t to_raw(std::size_t text_pos) const;
  bool identity() const { return anchors_.empty(); }
  // No offset maps past `raw_size` (the length of the raw bytes): text that
  // is longer than what it replaced (U+FFFD for one bad byte, a block
  // boundary at the end) must not point outside the document.
  void set_limit(std::size_t raw_size) { limit_ = raw_size; }

 private:
  struct Anchor {
    std::size_t text;
    std::size_t raw;
  };
  std::vector<Anchor> anchors_;
  std::size_t limit_ = static_cast<std::size_t>(-1);
};

// What a document says about itself (front matter, JSONL fields, HTML meta).
struct DocumentMeta {
  std::string id;      // path as given joined with the walked relative path, or JSONL id
  std::string source;  // who published it; defaults to `id`
  std::optional<std::string> date;  // ISO 8601 as given
  std::optional<std::string> title;
  std::optional<std::string> url;
};

enum class DocumentFormat { text, markdown, html };

struct Document {
  DocumentMeta meta;
  DocumentFormat format = DocumentFormat::text;
  std::string raw;   // the input as read; offsets point here
  std::string text;  // what extraction reads
  OffsetMap map;     // text offset -> raw offset
  std::string origin;  // file the document came from (for diagnostics)
  std::size_t origin_line = 0;  // its line in a JSONL corpus, else 0
};

// Line and column (1-based; the column counts characters) of raw offsets.
class LineIndex {
 public:
  explicit LineIndex(std::string_view raw);
  struct Position {
    std::size_t line;
    std::size_t col;
  };
  Position at(std::size_t raw_offset) const;

 private:
  static constexpr std::size_t k_stride = 4096;
  std::string_view raw_;
  std::vector<std::size_t> starts_;  // byte offset of each line's start
  std::vector<std::size_t> cols_;    // column at each multiple of k_stride, so a long line costs O(k_stride)
};

enum class InputFormat { automatic, text, markdown, html, jsonl };

struct CorpusOptions {
  InputFormat stdin_format = InputFormat::text;  // for the path "-"
  InputFormat force_format = InputFormat::automatic;  // --input-format for files
  bool markdown_code = false;  // read code spans and blocks of Markdown as text
  std::vector<std::string> ignore;  // .gitignore-style patterns for walked paths
  std::size_t max_document_bytes = std::size_t{256} << 20;  // larger inputs are refused
};

struct CorpusStats {
  std::size_t documents = 0;
  std::size_t skipped_files = 0;  // walked files whose extension tally does not read
  std::size_t errors = 0;         // inputs (or JSONL lines) that could not be read
};

// Reads every path in order and hands each document to `visit`. Bad inputs
// become diagnostics in `sink`; everything readable is still visited.
CorpusStats read_corpus(const std::vector<std::string>& paths, const CorpusOptions& options,
                        DiagnosticSink& sink, const std::function<void(Document&&)>& visit);

// Builds a document from bytes already in memory (used by the reader, by
// tests and by the fuzzer). `id` names it; `format` says how to read it.
// Front matter is honoured for text and Markdown. Invalid UTF-8 is replaced in
// `text` and reported once to `sink` as a warning.
Document make_document(std::string id, std::string raw, DocumentFormat format,
                       DiagnosticSink& sink);

// How make_document reads its bytes, beyond the format.
struct DocumentOptions {
  bool markdown_code = false;  // Markdown code spans and blocks are text too
  bool front_matter = true;    // honour a leading `---` block (text, Markdown)
  std::string origin;          // the file named in diagnostics; empty: the id
  std::size_t origin_line = 0;  // the line of a JSONL record in `origin`
};
Document make_document(std::string id, std::string raw, DocumentFormat format,
                       DiagnosticSink& sink, const DocumentOptions& options);

// A sink that keeps everything; handy for tests and for the CLI's summary.
class CollectingSink : public DiagnosticSink {
 public:
  void report(Diagnostic d) override { items.push_back(std::move(d)); }
  std::size_t errors() const;
  std::vector<Diagnostic> items;
};

}  // namespace tally
