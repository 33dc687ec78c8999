// SPEC's extract record: the one shape every JSON output shares.
//
// `to_record` builds it as a json value (check, SARIF and diff need one);
// `append_record` writes the same bytes that value dumps to, without building
// it, for `extract --format jsonl|json`, where it is the hot path. Both take
// their numbers from `number_kind` so they cannot drift apart; the writer's
// test compares them byte for byte.
#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include <tally/report.hpp>

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

nlohmann::json string_or_null(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return *s;
}

// --- the direct writer -------------------------------------------------------
// Byte for byte what nlohmann::json::dump(-1, ' ', false, replace) writes.

// True when `s` is well-formed UTF-8 (Unicode table 3-7): exactly what
// nlohmann's decoder accepts, so a valid string passes through it unchanged
// but for the escapes below.
bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c == 0xE0) n = 2, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) n = 2;
    else if (c == 0xED) n = 2, hi = 0x9F;  // no surrogates
    else if (c >= 0xEE && c <= 0xEF) n = 2;
    else if (c == 0xF0) n = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 3;
    else if (c == 0xF4) n = 3, hi = 0x8F;  // nothing above U+10FFFF
    else return false;  // continuation byte, overlong C0/C1, F5..FF
    if (static_cast<std::size_t>(end - p) <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (std::size_t k = 2; k <= n; ++k)
      if ((p[k] & 0xC0) != 0x80) return false;
    p += n + 1;
  }
  return true;
}

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

void append_string(std::string& out, std::string_view s) {
  static constexpr char k_hex[] = "0123456789abcdef";
  const std::size_t mark = out.size();
  bool high = false;
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const unsigned char cls = k_byte_class[c];
    if (cls == k_plain) continue;
    if (cls == k_high) {
      high = true;
      continue;
    }
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out.append("\\\"", 2); break;
      case '\\': out.append("\\\\", 2); break;
      case '\b': out.append("\\b", 2); break;
      case '\t': out.append("\\t", 2); break;
      case '\n': out.append("\\n", 2); break;
      case '\f': out.append("\\f", 2); break;
      case '\r': out.append("\\r", 2); break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', k_hex[c >> 4], k_hex[c & 0xF]};
        out.append(esc, 6);
      }
    }
  }
  if (high && !valid_utf8(s)) {
    // Rare (a document with invalid bytes): let nlohmann replace them, so the
    // U+FFFDs go exactly where it puts them.
    out.resize(mark);
    out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void append_string_or_null(std::string& out, const std::optional<std::string>& s) {
  if (s) append_string(out, *s);
  else out.append("null", 4);
}

void append_unsigned(std::string& out, std::size_t v) {
  const fmt::format_int f(v);
  out.append(f.data(), f.size());
}

void append_number(std::string& out, const std::optional<double>& v) {
  switch (number_kind(v)) {
    case NumberKind::null: out.append("null", 4); return;
    case NumberKind::integer: {
      const fmt::format_int f(static_cast<std::int64_t>(*v));
      out.append(f.data(), f.size());
      return;
    }
    case NumberKind::real: {
      // nlohmann's own shortest-round-trip printer (Grisu2, "1e+16",
      // "1.5e-07", "0.25"), which differs from fmt's in the exponent form.
      char buf[64];
      const char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, *v);
      out.append(buf, static_cast<std::size_t>(end - buf));
      return;
    }
  }
}

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

void append_record(std::string& out, const Claim& c) {
  using namespace std::string_view_literals;  // literal keys: lengths known at compile time
  const Mention& m = c.mention;
  // The keys in the order nlohmann::json (a std::map) dumps them: sorted.
  out.append(R"({"attribution":)"sv);
  append_string_or_null(out, m.attribution);
  out.append(R"(,"block":)"sv);
  append_string(out, m.block);
  out.append(R"(,"col":)"sv);
  append_unsigned(out, m.col);
  out.append(R"(,"date":)"sv);
  append_string_or_null(out, c.date);
  out.append(R"(,"dimension":)"sv);
  append_string(out, m.dimension);
  out.append(R"(,"doc":)"sv);
  append_string(out, c.doc);
  out.append(R"(,"end":)"sv);
  append_unsigned(out, m.end);
  out.append(R"(,"high":)"sv);
  append_number(out, m.stated.high);
  out.append(R"(,"line":)"sv);
  append_unsigned(out, m.line);
  out.append(R"(,"low":)"sv);
  append_number(out, m.stated.low);
  out.append(R"(,"modality":)"sv);
  append_string(out, to_string(m.modality));
  out.append(R"(,"norm":{"high":)"sv);
  append_number(out, m.norm.high);
  out.append(R"(,"low":)"sv);
  append_number(out, m.norm.low);
  out.append(R"(,"unit":)"sv);
  append_string(out, m.norm_unit);
  out.append(R"(,"value":)"sv);
  append_number(out, m.norm_value);
  out.append(R"(},"noun":)"sv);
  append_string(out, m.noun);
  out.append(R"(,"noun_phrase":)"sv);
  append_string(out, m.noun_phrase);
  out.append(R"(,"period":)"sv);
  append_string_or_null(out, m.period);
  out.append(R"(,"qualifier":)"sv);
  append_string(out, to_string(m.qualifier));
  out.append(R"(,"sentence":{"end":)"sv);
  append_unsigned(out, m.sentence_end);
  out.append(R"(,"start":)"sv);
  append_unsigned(out, m.sentence_start);
  out.append(R"(},"source":)"sv);
  append_string(out, c.source);
  out.append(R"(,"start":)"sv);
  append_unsigned(out, m.start);
  out.append(R"(,"subject":)"sv);
  append_string(out, m.subject);
  out.append(R"(,"text":)"sv);
  append_string(out, m.text);
  out.append(R"(,"unit":)"sv);
  append_string(out, m.unit);
  out.append(R"(,"value":)"sv);
  append_number(out, m.value);
  out.push_back('}');
}

}  // namespace tally
