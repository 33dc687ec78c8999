// Internal: a JSONL corpus, one document per line, read as a stream.
//
//   {"id": "kw-1", "source": "Kyiv Wire", "date": "2024-10-17", "text": "..."}
//
// Only `text` is required; `title` and `url` are kept too. A line without an
// `id` is named `PATH:LINE`. A document's `raw` is the decoded `text` value,
// so its offsets, lines and columns count within that text; `origin` and
// `origin_line` say where the record was.
//
// Memory stays bounded whatever the input: lines are read one at a time, and
// a line longer than CorpusOptions::max_document_bytes is reported and
// skipped without ever being held whole.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include <tally/corpus.hpp>
#include <tally/error.hpp>

#include "corpus/decode.hpp"

namespace tally::detail {

// Reads every line of `in` (already decompressed) named `path` in
// diagnostics. A malformed line is one `PATH:LINE: error:` and the next line
// is read; a stream that breaks off (a truncated gzip) is one error after
// every complete line before the break has been visited. Returns the number
// of documents visited.
std::size_t read_jsonl(std::unique_ptr<ByteSource> in, const std::string& path,
                       const CorpusOptions& options, DiagnosticSink& sink,
                       const std::function<void(Document&&)>& visit);

// Splits a stream into lines ('\n', with a '\r' before it dropped) in memory
// bounded by `max_line` plus one read chunk.
class LineReader {
 public:
  LineReader(ByteSource& in, std::size_t max_line) : in_(in), max_line_(max_line) {}

  enum class Result { line, too_long, end };
  // The next line into `line`; `too_long` when it exceeds `max_line` (it is
  // then skipped, and `line` is empty). A last line cut off by a failing
  // stream is not returned.
  Result next(std::string& line);
  // The 1-based number of the line `next` last returned (at the end: of the
  // line that would have come next).
  std::size_t line_number() const { return line_no_; }

 private:
  bool fill();  // reads one more chunk; false at the end of the stream

  ByteSource& in_;
  std::size_t max_line_;
  std::string buf_;
  std::size_t pos_ = 0;      // start of the unread part of buf_
  std::size_t scanned_ = 0;  // buf_[pos_, scanned_) holds no '\n'
  std::size_t line_no_ = 0;
  bool eof_ = false;
};

}  // namespace tally::detail
