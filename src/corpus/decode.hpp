// Internal: from bytes on disk (or stdin, or a gzip stream) to UTF-8.
//
// Inputs are read through a ByteSource, a pull stream that never throws: a
// failure ends the stream and error() says what happened. Sources stack:
//
//   auto file = open_file("corpus.jsonl.gz");     // or open_stdin()
//   if (!file) { ... file.error() ... }
//   auto in = gunzip(std::move(*file));
//   char buf[4096];
//   while (std::size_t n = in->read(buf, sizeof buf)) { ... }
//   if (!in->error().empty()) { ... truncated or corrupt ... }
//
// decode_text() then decides what the bytes are: UTF-8 (with or without a
// byte-order mark) is kept as it is; UTF-16 with a byte-order mark is
// converted to UTF-8; anything else that holds NUL bytes is binary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <tally/error.hpp>

namespace tally::detail {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes into `buf`. Returns 0 at the end of the stream, or
  // after a failure, which error() then describes.
  virtual std::size_t read(char* buf, std::size_t n) = 0;
  const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

// A file opened for reading; the error is the system's reason ("No such file
// or directory"), prefixed by what failed.
Expected<std::unique_ptr<ByteSource>> open_file(const std::string& path);
std::unique_ptr<ByteSource> open_stdin();
// The bytes of `data`, then those of `rest` (for re-reading what was peeked).
std::unique_ptr<ByteSource> prefixed(std::string data, std::unique_ptr<ByteSource> rest);
// Decompresses a gzip stream (several concatenated members are one stream).
// A stream that ends early fails with "truncated gzip stream" once every byte
// before the cut has been delivered.
std::unique_ptr<ByteSource> gunzip(std::unique_ptr<ByteSource> compressed);
// Converts UTF-16 (after its byte-order mark) to UTF-8 as it streams.
std::unique_ptr<ByteSource> utf16_to_utf8(std::unique_ptr<ByteSource> in, bool big_endian);

// "larger than the document size limit (256 MiB), skipped"
std::string over_limit_message(std::size_t max_bytes);

// Reads `in` to its end, refusing (with an error naming `path`) a stream
// longer than `max_bytes` without reading more than max_bytes + 1 of it.
Expected<std::string> read_all(ByteSource& in, std::size_t max_bytes, const std::string& path);

// What the first bytes of an input say it is.
enum class Encoding { utf8, utf16le, utf16be, binary };
// `head` is the start of the input (a few KB suffice). UTF-16 needs its
// byte-order mark; UTF-32 and other data holding NUL bytes are binary.
Encoding sniff_encoding(std::string_view head);

// Turns the bytes of a whole document into UTF-8 `raw`: UTF-8 stays as it is
// (a byte-order mark included, so offsets count from the file's first byte);
// UTF-16 with a byte-order mark is converted, and then `raw` — and every
// offset into it — is the converted UTF-8, not the file's bytes. A binary
// input is an error naming `path`. Unpaired UTF-16 surrogates become U+FFFD
// and are counted in `bad_units`.
Expected<std::string> decode_text(std::string bytes, const std::string& path,
                                  std::size_t* bad_units = nullptr);

// The text an HTML character reference stands for ("&amp;" → "&",
// "&#8211;" → "–", "&#x20AC;" → "€"), or nullopt for a name tally does not
// know. Numeric references that name no character give U+FFFD.
std::optional<std::string> decode_entity(std::string_view reference);

// Appends code point `cp` to `out` as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

// Replaces each invalid UTF-8 sequence of `s` by U+FFFD, in place. Returns how
// many were replaced (NUL bytes are valid UTF-8 and kept).
std::size_t sanitize_utf8(std::string& s);

}  // namespace tally::detail
