// SPEC's extract record: the one shape every JSON output shares.
//
// `to_record` builds it as a json value (check, SARIF and diff need one);
// `append_record` writes the same bytes that value dumps to, without building
// it, for `extract --format jsonl|json`, where it is the hot path. Both take
// their numbers from `number_kind` so they cannot drift apart; the writer's
// test compares them byte for byte.
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>

#include <fmt/format.h>
#include <simdjson.h>

#include <tally/report.hpp>

#include "report/record.hpp"

namespace tally {
namespace {

// How a figure prints: null (absent or not finite), an integer (3000, not
// 3000.0) or a double.
enum class NumberKind { null, integer, real };

NumberKind number_kind(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return NumberKind::null;
  const double d = *v;
  if (std::fabs(d) < 9.007199254740992e15 && d == std::floor(d)) return NumberKind::integer;
  return NumberKind::real;
}

nlohmann::json number_or_null(const std::optional<double>& v) {
  switch (number_kind(v)) {
    case NumberKind::null: return nullptr;
    case NumberKind::integer: return static_cast<std::int64_t>(*v);
    case NumberKind::real: return *v;
  }
  return nullptr;
}

nlohmann::json string_or_null(std::optional<std::string_view> s) {
  if (!s) return nullptr;
  return *s;
}

// --- the direct writer -------------------------------------------------------
// Byte for byte what nlohmann::json::dump(-1, ' ', false, replace) writes.

// What a byte needs: nothing (copied in a run), an escape, or a check that
// the string is valid UTF-8.
enum : unsigned char { k_plain, k_escape, k_high };
constexpr auto k_byte_class = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = k_escape;
  t['"'] = t['\\'] = k_escape;
  for (int c = 0x80; c < 0x100; ++c) t[c] = k_high;
  return t;
}();

// Whether none of the eight bytes of `x` needs a look: no control byte,
// quote, backslash or byte of 0x80 and above. Word-at-a-time tests ("Bit
// Twiddling Hacks"): (v - 0x01..) & ~v has the high bit set in a byte that
// is zero, and with no byte at 0x80 or above, (x - 0x20..) & ~x in a byte
// below 0x20.
bool plain_word(std::uint64_t x) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
  const std::uint64_t control = (x - k_ones * 0x20) & ~x;
  const std::uint64_t q = x ^ (k_ones * '"');
  const std::uint64_t quote = (q - k_ones) & ~q;
  const std::uint64_t b = x ^ (k_ones * '\\');
  const std::uint64_t backslash = (b - k_ones) & ~b;
  return ((control | quote | backslash | x) & k_highs) == 0;
}

bool plain8(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, sizeof x);
  return plain_word(x);
}

// N bytes from `from` to `to`, as one load and one store.
template <std::size_t N>
void copy_piece(char* to, const char* from) {
  char piece[N];
  std::memcpy(piece, from, N);
  std::memcpy(to, piece, N);
}

// `s` copied to `to`; returns the end. Up to 16 bytes go as a first and a
// last piece, which overlap: the strings and numbers of a record are mostly
// that short, and a call of memcpy would cost more than the copy.
[[gnu::always_inline]] inline char* put(char* to, std::string_view s) {
  const char* from = s.data();
  const std::size_t n = s.size();
  if (n > 16) {
    std::memcpy(to, from, n);
  } else if (n >= 8) {
    copy_piece<8>(to, from);
    copy_piece<8>(to + n - 8, from + n - 8);
  } else if (n >= 4) {
    copy_piece<4>(to, from);
    copy_piece<4>(to + n - 4, from + n - 4);
  } else if (n > 0) {
    to[0] = from[0];
    to[n / 2] = from[n / 2];
    to[n - 1] = from[n - 1];
  }
  return to + n;
}

// Writes into memory reserved beforehand for the whole record (no capacity
// check per piece): `bound` says how much a record can need.
class Cursor {
 public:
  explicit Cursor(char* p) : p_(p) {}
  char* end() const { return p_; }

  // Enough room for `s` written as a JSON string: 6 bytes per byte at worst
  // (\u00XX, or U+FFFD for a bad byte), and the quotes.
  static std::size_t bound(std::string_view s) { return 6 * s.size() + 2; }

  void raw(std::string_view s) {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }

  // raw() for bytes of a size known only at run time.
  void copy(std::string_view s) { p_ = put(p_, s); }

  void string(std::string_view s) {
    if (plain(s)) quoted(s);
    else escaped(s);
  }

  // `s` between quotes as it is: a string with no byte to escape, such as
  // the name of a qualifier or a modality (plain ASCII words).
  void quoted(std::string_view s) {
    // Through a local pointer: a store through p_ could change p_ itself,
    // as far as the compiler knows, and it would be read back after each.
    char* out = p_;
    *out = '"';
    out = put(out + 1, s);
    *out = '"';
    p_ = out + 1;
  }

  void string_or_null(std::optional<std::string_view> s) {
    if (s) string(*s);
    else raw("null");
  }

  void unsigned_number(std::size_t v) {
    const fmt::format_int f(v);
    copy(std::string_view(f.data(), f.size()));
  }

  // At most 32 bytes.
  void number(const std::optional<double>& v) {
    // A record's bounds and normalised values are mostly its value again:
    // the number written last, when it is the same, is copied.
    if (v && last_number_ && std::bit_cast<std::uint64_t>(*v) == std::bit_cast<std::uint64_t>(last_value_)) {
      copy(*last_number_);
      return;
    }
    char* const begin = p_;
    switch (number_kind(v)) {
      case NumberKind::null: raw("null"); return;
      case NumberKind::integer: {
        const fmt::format_int f(static_cast<std::int64_t>(*v));
        copy(std::string_view(f.data(), f.size()));
        break;
      }
      case NumberKind::real:
        // nlohmann's own shortest-round-trip printer (Grisu2, "1e+16",
        // "1.5e-07", "0.25"), which differs from fmt's in the exponent form.
        p_ = nlohmann::detail::to_chars(p_, p_ + 32, *v);
        break;
    }
    last_value_ = *v;
    last_number_ = std::string_view(begin, static_cast<std::size_t>(p_ - begin));
  }

 private:
  // Whether no byte of `s` needs a look (see plain8): the usual string, copied whole.
  // A string shorter than eight bytes is tested as one word of its bytes,
  // some of them twice.
  static bool plain(std::string_view s) {
    const char* p = s.data();
    const std::size_t n = s.size();
    if (n >= 8) {
      for (std::size_t i = 0; i + 8 < n; i += 8)
        if (!plain8(p + i)) return false;
      return plain8(p + n - 8);  // the last eight, overlapping
    }
    if (n >= 4) {
      std::uint32_t first, last;
      std::memcpy(&first, p, 4);
      std::memcpy(&last, p + n - 4, 4);
      return plain_word(first | std::uint64_t{last} << 32);
    }
    if (n == 0) return true;
    const auto byte = [p](std::size_t k) { return std::uint64_t{static_cast<unsigned char>(p[k])}; };
    const std::uint64_t four = byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16 | byte(0) << 24;
    return plain_word(four | four << 32);
  }

  // A string with a byte to escape or to check as UTF-8.
  void escaped(std::string_view s) {
    static constexpr char k_hex[] = "0123456789abcdef";
    char* const mark = p_;
    bool high = false;
    *p_++ = '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (i + 8 <= s.size() && plain8(s.data() + i)) {
        i += 7;
        continue;
      }
      const auto c = static_cast<unsigned char>(s[i]);
      const unsigned char cls = k_byte_class[c];
      if (cls == k_plain) continue;
      if (cls == k_high) {
        high = true;
        continue;
      }
      raw(s.substr(run, i - run));
      run = i + 1;
      switch (c) {
        case '"': raw("\\\""); break;
        case '\\': raw("\\\\"); break;
        case '\b': raw("\\b"); break;
        case '\t': raw("\\t"); break;
        case '\n': raw("\\n"); break;
        case '\f': raw("\\f"); break;
        case '\r': raw("\\r"); break;
        default: {
          const char esc[6] = {'\\', 'u', '0', '0', k_hex[c >> 4], k_hex[c & 0xF]};
          raw(std::string_view(esc, 6));
        }
      }
    }
    if (high && !simdjson::validate_utf8(s.data(), s.size())) {  // well-formed: what nlohmann accepts
      // Rare (a document with invalid bytes): let nlohmann replace them, so the
      // U+FFFDs go exactly where it puts them.
      p_ = mark;
      raw(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
    raw(s.substr(run));
    *p_++ = '"';
  }

  char* p_;
  std::optional<std::string_view> last_number_;  // the bytes of the last number written
  double last_value_ = 0;                        // ... and its value
};

}  // namespace

nlohmann::json to_record(const Claim& c) {
  const Mention& m = c.mention;
  nlohmann::json r = nlohmann::json::object();
  r["doc"] = c.doc;
  r["source"] = c.source;
  r["date"] = string_or_null(c.date);
  r["start"] = m.start;
  r["end"] = m.end;
  r["line"] = m.line;
  r["col"] = m.col;
  r["text"] = m.text;
  r["value"] = number_or_null(m.value);
  r["low"] = number_or_null(m.stated.low);
  r["high"] = number_or_null(m.stated.high);
  r["qualifier"] = std::string(to_string(m.qualifier));
  r["dimension"] = m.dimension;
  r["unit"] = m.unit;
  r["noun"] = m.noun;
  r["noun_phrase"] = m.noun_phrase;
  r["norm"] = {{"value", number_or_null(m.norm_value)},
               {"low", number_or_null(m.norm.low)},
               {"high", number_or_null(m.norm.high)},
               {"unit", m.norm_unit}};
  r["subject"] = m.subject;
  r["block"] = m.block;
  r["modality"] = std::string(to_string(m.modality));
  r["period"] = string_or_null(m.period);
  r["attribution"] = string_or_null(m.attribution);
  r["sentence"] = {{"start", m.sentence_start}, {"end", m.sentence_end}};
  return r;
}

void append_record(std::string& out, const Claim& c) { append_record(out, {c.doc, c.source, c.date}, c.mention); }

void append_record(std::string& out, const RecordSource& c, const Mention& m) {
  const std::size_t mark = out.size();
  out.resize(mark + detail::record_bound(c, m));
  char* end = detail::write_record(out.data() + mark, c, m);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

namespace detail {

std::size_t record_bound(const RecordSource& c, const Mention& m) {
  // Room for everything: the strings at their worst, 32 bytes for each of
  // the 12 numbers and 400 for the keys and punctuation.
  std::size_t bound = 400 + 32 * 12 + Cursor::bound(to_string(m.modality)) + Cursor::bound(to_string(m.qualifier));
  for (std::string_view s : {std::string_view(m.block), std::string_view(m.dimension), c.doc,
                             std::string_view(m.norm_unit), std::string_view(m.noun), std::string_view(m.noun_phrase),
                             c.source, std::string_view(m.subject), std::string_view(m.text),
                             std::string_view(m.unit)})
    bound += Cursor::bound(s);
  for (std::optional<std::string_view> s : {std::optional<std::string_view>(m.attribution), c.date,
                                            std::optional<std::string_view>(m.period)})
    if (s) bound += Cursor::bound(*s);
  return bound;
}

char* write_record(char* p, const RecordSource& c, const Mention& m) {
  Cursor w(p);

  // The keys in the order nlohmann::json (a std::map) dumps them: sorted.
  w.raw(R"({"attribution":)");
  w.string_or_null(m.attribution);
  w.raw(R"(,"block":)");
  w.string(m.block);
  w.raw(R"(,"col":)");
  w.unsigned_number(m.col);
  w.raw(R"(,"date":)");
  w.string_or_null(c.date);
  w.raw(R"(,"dimension":)");
  w.string(m.dimension);
  w.raw(R"(,"doc":)");
  w.string(c.doc);
  w.raw(R"(,"end":)");
  w.unsigned_number(m.end);
  w.raw(R"(,"high":)");
  w.number(m.stated.high);
  w.raw(R"(,"line":)");
  w.unsigned_number(m.line);
  w.raw(R"(,"low":)");
  w.number(m.stated.low);
  w.raw(R"(,"modality":)");
  w.quoted(to_string(m.modality));
  w.raw(R"(,"norm":{"high":)");
  w.number(m.norm.high);
  w.raw(R"(,"low":)");
  w.number(m.norm.low);
  w.raw(R"(,"unit":)");
  w.string(m.norm_unit);
  w.raw(R"(,"value":)");
  w.number(m.norm_value);
  w.raw(R"(},"noun":)");
  w.string(m.noun);
  w.raw(R"(,"noun_phrase":)");
  w.string(m.noun_phrase);
  w.raw(R"(,"period":)");
  w.string_or_null(m.period);
  w.raw(R"(,"qualifier":)");
  w.quoted(to_string(m.qualifier));
  w.raw(R"(,"sentence":{"end":)");
  w.unsigned_number(m.sentence_end);
  w.raw(R"(,"start":)");
  w.unsigned_number(m.sentence_start);
  w.raw(R"(},"source":)");
  w.string(c.source);
  w.raw(R"(,"start":)");
  w.unsigned_number(m.start);
  w.raw(R"(,"subject":)");
  w.string(m.subject);
  w.raw(R"(,"text":)");
  w.string(m.text);
  w.raw(R"(,"unit":)");
  w.string(m.unit);
  w.raw(R"(,"value":)");
  w.number(m.value);
  w.raw("}");
  return w.end();
}

}  // namespace detail
}  // namespace tally
