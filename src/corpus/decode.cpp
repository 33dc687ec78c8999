// Byte sources (files, stdin, gzip), encoding detection and conversion, and
// HTML character references.
//
// Everything here streams: a source hands out bytes in chunks, so a JSONL
// corpus of any size — compressed or not — passes through in bounded memory.
// Failures end a stream and are kept as a message; nothing throws.
#include "corpus/decode.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <simdjson.h>

#include "corpus/formats.hpp"

namespace tally::detail {
namespace {

constexpr std::size_t k_chunk = std::size_t{64} << 10;

class FdSource : public ByteSource {
 public:
  FdSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  std::size_t read(char* buf, std::size_t n) override {
    if (done_) return 0;
    for (;;) {
      ssize_t got = ::read(fd_, buf, n);
      if (got > 0) return static_cast<std::size_t>(got);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) error_ = fmt::format("cannot read: {}", std::strerror(errno));
      done_ = true;
      return 0;
    }
  }

 private:
  int fd_;
  bool owned_;
  bool done_ = false;
};

class PrefixSource : public ByteSource {
 public:
  PrefixSource(std::string data, std::unique_ptr<ByteSource> rest)
      : data_(std::move(data)), rest_(std::move(rest)) {}

  std::size_t read(char* buf, std::size_t n) override {
    if (pos_ < data_.size()) {
      std::size_t k = std::min(n, data_.size() - pos_);
      std::memcpy(buf, data_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    std::size_t got = rest_->read(buf, n);
    if (got == 0) error_ = rest_->error();
    return got;
  }

 private:
  std::string data_;
  std::size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

class GzipSource : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<ByteSource> in) : in_(std::move(in)), buf_(k_chunk) {
    // 16 + MAX_WBITS: a gzip header and trailer, not a raw zlib stream.
    ok_ = inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK;
    if (!ok_) error_ = "cannot start gzip decompression";
  }
  ~GzipSource() override {
    if (ok_) inflateEnd(&zs_);
  }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  std::size_t read(char* out, std::size_t n) override {
    if (!ok_ || done_ || n == 0) return 0;
    n = std::min<std::size_t>(n, 1u << 30);  // avail_out is 32 bits
    zs_.next_out = reinterpret_cast<Bytef*>(out);
    zs_.avail_out = static_cast<uInt>(n);
    while (zs_.avail_out == n && !done_) {
      if (zs_.avail_in == 0 && !refill()) {
        // Nothing more to read: fine between members, truncated inside one.
        if (error_.empty() && in_member_) error_ = "truncated gzip stream";
        done_ = true;
        break;
      }
      if (!in_member_) {
        // After a member, only another member (magic 1f 8b) continues the
        // stream; other trailing bytes are ignored, as gzip(1) does.
        if (static_cast<unsigned char>(zs_.next_in[0]) != 0x1f) {
          done_ = true;
          break;
        }
        inflateReset(&zs_);
        in_member_ = true;
      }
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        error_ = fmt::format("corrupt gzip stream ({})", zs_.msg != nullptr ? zs_.msg : "inflate failed");
        done_ = true;
      }
    }
    return n - zs_.avail_out;
  }

 private:
  bool refill() {
    std::size_t got = in_->read(buf_.data(), buf_.size());
    if (got == 0) {
      error_ = in_->error();
      // An empty file is an empty corpus, not a broken one.
      if (!seen_input_) in_member_ = false;
      return false;
    }
    seen_input_ = true;
    zs_.next_in = reinterpret_cast<Bytef*>(buf_.data());
    zs_.avail_in = static_cast<uInt>(got);
    return true;
  }

  std::unique_ptr<ByteSource> in_;
  std::vector<char> buf_;
  z_stream zs_{};
  bool ok_ = false;
  bool done_ = false;
  bool in_member_ = true;
  bool seen_input_ = false;
};

// UTF-16 → UTF-8, fed in chunks of any size (a code unit or a surrogate pair
// may straddle two chunks).
class Utf16Decoder {
 public:
  explicit Utf16Decoder(bool big_endian) : be_(big_endian) {}

  void feed(std::string_view bytes, std::string& out) {
    std::size_t i = 0;
    if (has_carry_ && !bytes.empty()) {
      unit(static_cast<unsigned char>(carry_), static_cast<unsigned char>(bytes[0]), out);
      has_carry_ = false;
      i = 1;
    }
    for (; i + 1 < bytes.size(); i += 2)
      unit(static_cast<unsigned char>(bytes[i]), static_cast<unsigned char>(bytes[i + 1]), out);
    if (i < bytes.size()) {
      carry_ = bytes[i];
      has_carry_ = true;
    }
  }

  void finish(std::string& out) {
    if (high_ != 0 || has_carry_) replacement(out);
    high_ = 0;
    has_carry_ = false;
  }

  std::size_t bad() const { return bad_; }

 private:
  void unit(unsigned char a, unsigned char b, std::string& out) {
    std::uint32_t u = be_ ? (std::uint32_t{a} << 8 | b) : (std::uint32_t{b} << 8 | a);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (high_ != 0) replacement(out);
      high_ = u;
      return;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) {
      if (high_ == 0) {
        replacement(out);
        return;
      }
      append_utf8(out, 0x10000 + ((high_ - 0xD800) << 10) + (u - 0xDC00));
      high_ = 0;
      return;
    }
    if (high_ != 0) {
      replacement(out);
      high_ = 0;
    }
    append_utf8(out, u);
  }

  void replacement(std::string& out) {
    ++bad_;
    out.append("\xEF\xBF\xBD");
  }

  bool be_;
  std::uint32_t high_ = 0;
  char carry_ = 0;
  bool has_carry_ = false;
  std::size_t bad_ = 0;
};

class Utf16Source : public ByteSource {
 public:
  Utf16Source(std::unique_ptr<ByteSource> in, bool big_endian)
      : in_(std::move(in)), decoder_(big_endian), chunk_(k_chunk) {}

  std::size_t read(char* buf, std::size_t n) override {
    while (pos_ == out_.size() && !done_) {
      out_.clear();
      pos_ = 0;
      std::size_t got = in_->read(chunk_.data(), chunk_.size());
      if (got == 0) {
        decoder_.finish(out_);
        error_ = in_->error();
        done_ = true;
      } else {
        decoder_.feed(std::string_view(chunk_.data(), got), out_);
      }
    }
    std::size_t k = std::min(n, out_.size() - pos_);
    std::memcpy(buf, out_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::unique_ptr<ByteSource> in_;
  Utf16Decoder decoder_;
  std::vector<char> chunk_;
  std::string out_;
  std::size_t pos_ = 0;
  bool done_ = false;
};

std::string size_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 30) && bytes % (std::size_t{1} << 30) == 0)
    return fmt::format("{} GiB", bytes >> 30);
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
    return fmt::format("{} MiB", bytes >> 20);
  return fmt::format("{} bytes", bytes);
}

}  // namespace

Expected<std::unique_ptr<ByteSource>> open_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return make_error(path, 0, fmt::format("cannot read: {}", std::strerror(errno)));
  return std::unique_ptr<ByteSource>(std::make_unique<FdSource>(fd, true));
}

std::unique_ptr<ByteSource> open_stdin() { return std::make_unique<FdSource>(STDIN_FILENO, false); }

std::unique_ptr<ByteSource> prefixed(std::string data, std::unique_ptr<ByteSource> rest) {
  return std::make_unique<PrefixSource>(std::move(data), std::move(rest));
}

std::unique_ptr<ByteSource> gunzip(std::unique_ptr<ByteSource> compressed) {
  return std::make_unique<GzipSource>(std::move(compressed));
}

std::unique_ptr<ByteSource> utf16_to_utf8(std::unique_ptr<ByteSource> in, bool big_endian) {
  return std::make_unique<Utf16Source>(std::move(in), big_endian);
}

std::string over_limit_message(std::size_t max_bytes) {
  return fmt::format("larger than the document size limit ({}), skipped", size_text(max_bytes));
}

Expected<std::string> read_all(ByteSource& in, std::size_t max_bytes, const std::string& path) {
  std::string data;
  for (;;) {
    std::size_t old = data.size();
    std::size_t want = std::min(k_chunk, max_bytes + 1 - std::min(old, max_bytes));
    data.resize(old + want);
    std::size_t got = in.read(data.data() + old, want);
    data.resize(old + got);
    if (got == 0) break;
    if (data.size() > max_bytes) return make_error(path, 0, over_limit_message(max_bytes));
  }
  if (!in.error().empty()) return make_error(path, 0, in.error());
  return data;
}

Encoding sniff_encoding(std::string_view head) {
  auto starts = [&](std::string_view bom) { return head.substr(0, bom.size()) == bom; };
  using namespace std::string_view_literals;
  if (starts("\xEF\xBB\xBF"sv)) return head.find('\0') == std::string_view::npos ? Encoding::utf8 : Encoding::binary;
  if (starts("\xFF\xFE\0\0"sv) || starts("\0\0\xFE\xFF"sv)) return Encoding::binary;  // UTF-32
  if (starts("\xFF\xFE"sv)) return Encoding::utf16le;
  if (starts("\xFE\xFF"sv)) return Encoding::utf16be;
  return head.find('\0') == std::string_view::npos ? Encoding::utf8 : Encoding::binary;
}

Expected<std::string> decode_text(std::string bytes, const std::string& path, std::size_t* bad_units) {
  auto binary = [&] { return make_error(path, 0, "binary file (not text), skipped"); };
  switch (sniff_encoding(bytes)) {
    case Encoding::binary:
      return binary();
    case Encoding::utf8:
      return bytes;
    case Encoding::utf16le:
    case Encoding::utf16be: {
      Utf16Decoder decoder(sniff_encoding(bytes) == Encoding::utf16be);
      std::string out;
      out.reserve(bytes.size());
      decoder.feed(std::string_view(bytes).substr(2), out);
      decoder.finish(out);
      if (bad_units) *bad_units = decoder.bad();
      // U+0000 in UTF-16 is as binary as a NUL byte in UTF-8.
      if (out.find('\0') != std::string::npos) return binary();
      return out;
    }
  }
  return binary();
}

void append_utf8(std::string& out, std::uint32_t cp) {
  auto put = [&](std::uint32_t b) { out.push_back(static_cast<char>(b)); };
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | cp >> 6);
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | cp >> 12);
    put(0x80 | (cp >> 6 & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | cp >> 18);
    put(0x80 | (cp >> 12 & 0x3F));
    put(0x80 | (cp >> 6 & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

std::size_t sanitize_utf8(std::string& s) {
  if (simdjson::validate_utf8(s.data(), s.size())) return 0;  // the common case, at SIMD speed
  std::size_t i = 0;
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  if (i == s.size()) return 0;  // the common case: ASCII, nothing to copy
  std::string out(s, 0, i);
  std::size_t bad = 0;
  while (i < s.size()) {
    std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out.append("\xEF\xBF\xBD");
      ++bad;
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  if (bad > 0) s = std::move(out);
  return bad;
}

std::optional<std::string> decode_entity(std::string_view ref) {
  if (ref.size() < 3 || ref.front() != '&' || ref.back() != ';') return std::nullopt;
  std::string_view body = ref.substr(1, ref.size() - 2);
  std::string out;
  if (body[0] == '#') {
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return std::nullopt;
    std::uint32_t cp = 0;
    for (char c : digits) {
      int d = c >= '0' && c <= '9' ? c - '0'
              : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
              : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                            : -1;
      if (d < 0) return std::nullopt;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    }
    // HTML reads C1 controls as Windows-1252, as old pages meant them.
    static constexpr std::array<std::uint16_t, 32> k_cp1252 = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    if (cp >= 0x80 && cp <= 0x9F) cp = k_cp1252[cp - 0x80];
    if (cp == 0) cp = 0xFFFD;
    append_utf8(out, cp);
    return out;
  }

  // The references one meets in prose; HTML itself is decoded by gumbo,
  // which knows them all, so this list serves Markdown.
  static const auto* k_named = [] {
    auto* m = new std::unordered_map<std::string_view, std::uint32_t>{
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
        {"ensp", 0x2002}, {"emsp", 0x2003}, {"thinsp", 0x2009}, {"hairsp", 0x200A},
        {"numsp", 0x2007}, {"puncsp", 0x2008}, {"zwnj", 0x200C}, {"zwj", 0x200D},
        {"lrm", 0x200E}, {"rlm", 0x200F}, {"ndash", 0x2013}, {"mdash", 0x2014},
        {"minus", 0x2212}, {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
        {"sbquo", 0x201A}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E},
        {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"prime", 0x2032}, {"Prime", 0x2033},
        {"bull", 0x2022}, {"dagger", 0x2020}, {"Dagger", 0x2021}, {"permil", 0x2030},
        {"euro", 0x20AC}, {"trade", 0x2122}, {"le", 0x2264}, {"ge", 0x2265},
        {"ne", 0x2260}, {"asymp", 0x2248}, {"approx", 0x2248}, {"infin", 0x221E},
        {"larr", 0x2190}, {"uarr", 0x2191}, {"rarr", 0x2192}, {"darr", 0x2193},
        {"harr", 0x2194}, {"frac13", 0x2153}, {"frac23", 0x2154}, {"frac15", 0x2155},
        {"frac18", 0x215B}, {"OElig", 0x152}, {"oelig", 0x153}, {"Scaron", 0x160},
        {"scaron", 0x161}, {"Yuml", 0x178}, {"fnof", 0x192}, {"circ", 0x2C6},
        {"tilde", 0x2DC}, {"percnt", '%'}, {"dollar", '$'}, {"num", '#'}, {"excl", '!'},
        {"quest", '?'}, {"comma", ','}, {"period", '.'}, {"colon", ':'}, {"semi", ';'},
        {"lpar", '('}, {"rpar", ')'}, {"lsqb", '['}, {"rsqb", ']'}, {"lbrack", '['},
        {"rbrack", ']'}, {"lcub", '{'}, {"rcub", '}'}, {"lbrace", '{'}, {"rbrace", '}'},
        {"sol", '/'}, {"bsol", '\\'}, {"ast", '*'}, {"plus", '+'}, {"equals", '='},
        {"commat", '@'}, {"Hat", '^'}, {"lowbar", '_'}, {"grave", '`'}, {"verbar", '|'},
        {"vert", '|'}, {"Tab", '\t'}, {"NewLine", '\n'}, {"nbsp", 0xA0}};
    // Latin-1 (U+00A0..U+00FF) in code point order, as HTML 4 named them.
    static constexpr std::string_view k_latin1[] = {
        "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",
        "uml",    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",
        "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",  "para",   "middot",
        "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest",
        "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
        "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
        "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",
        "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",
        "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
        "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
        "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
        "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};
    for (std::size_t i = 0; i < std::size(k_latin1); ++i)
      m->emplace(k_latin1[i], static_cast<std::uint32_t>(0xA0 + i));
    static constexpr std::string_view k_greek[] = {
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
        "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigmaf", "sigma",
        "tau", "upsilon", "phi", "chi", "psi", "omega"};
    static constexpr std::string_view k_greek_upper[] = {
        "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota",
        "Kappa", "Lambda", "Mu", "Nu", "Xi", "Omicron", "Pi", "Rho", "", "Sigma",
        "Tau", "Upsilon", "Phi", "Chi", "Psi", "Omega"};
    for (std::size_t i = 0; i < std::size(k_greek); ++i) {
      m->emplace(k_greek[i], static_cast<std::uint32_t>(0x3B1 + i));
      if (!k_greek_upper[i].empty()) m->emplace(k_greek_upper[i], static_cast<std::uint32_t>(0x391 + i));
    }
    return m;
  }();
  auto it = k_named->find(body);
  if (it == k_named->end()) return std::nullopt;
  append_utf8(out, it->second);
  return out;
}

}  // namespace tally::detail
