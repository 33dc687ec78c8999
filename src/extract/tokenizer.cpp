// The tokenizer: one pass over UTF-8 text, ASCII on a fast path, utf8proc for
// the category of anything else.
#include "extract/tokenizer.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <utf8proc.h>

namespace tally::detail {
namespace {

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
// Space, tab, newline, vertical tab, form feed or carriage return: one test
// of a bit mask instead of six compares, since every byte of text is asked.
bool is_ascii_space(unsigned char c) {
  constexpr std::uint64_t k_spaces = (std::uint64_t{1} << ' ') | (std::uint64_t{1} << '\t') |
                                     (std::uint64_t{1} << '\n') | (std::uint64_t{1} << '\v') |
                                     (std::uint64_t{1} << '\f') | (std::uint64_t{1} << '\r');
  return c <= ' ' && ((k_spaces >> c) & 1) != 0;
}

// The end of the run of ASCII letters that starts at s[p]; sets `lowercase`
// if one of them is lowercase. Words are most of any text, and a loop over
// them byte by byte was most of the tokenizer's time, so with SSE2 (every
// x86-64) sixteen bytes are classified at once.
std::size_t ascii_letters_end(std::string_view s, std::size_t p, bool& lowercase) {
#if defined(__SSE2__)
  for (; p + 16 <= s.size(); p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + p));
    // Signed compares: a byte from 0x80 up is negative, so never a letter.
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
    // Of the letters, the lowercase ones are those from 'a' up.
    const __m128i lower = _mm_and_si128(letter, _mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)));
    const auto letters = static_cast<unsigned>(_mm_movemask_epi8(letter));
    const auto lowers = static_cast<unsigned>(_mm_movemask_epi8(lower));
    if (letters != 0xFFFF) {
      const int run = std::countr_one(letters);
      lowercase = lowercase || (lowers & ((1u << run) - 1)) != 0;
      return p + static_cast<std::size_t>(run);
    }
    lowercase = lowercase || lowers != 0;
  }
#endif
  while (p < s.size() && is_ascii_alpha(static_cast<unsigned char>(s[p]))) {
    lowercase = lowercase || s[p] >= 'a';
    ++p;
  }
  return p;
}

// Decodes the code point at s[i]; returns its length (1 for a stray byte).
std::size_t decode(std::string_view s, std::size_t i, utf8proc_int32_t& cp) {
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                            static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) {
    cp = 0xFFFD;
    return 1;
  }
  return static_cast<std::size_t>(n);
}

// Length of a whitespace character at s[i], 0 if there is none. Besides ASCII
// space it knows the no-break and thin spaces that separate digit groups.
std::size_t space_at(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (is_ascii_space(c)) return 1;
  if (c < 0xC2) return 0;
  utf8proc_int32_t cp;
  std::size_t n = decode(s, i, cp);
  if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
      cp == 0x3000 || cp == 0xFEFF)
    return n;
  return 0;
}

bool is_letter(utf8proc_int32_t cp) {
  auto cat = utf8proc_category(cp);
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
         (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

bool is_upper(utf8proc_int32_t cp) { return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU; }

// Digits of exactly three, then something that is not a digit: one thousands group.
bool group_of_three(std::string_view s, std::size_t i) {
  return i + 3 <= s.size() && is_digit(s[i]) && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
         (i + 3 == s.size() || !is_digit(s[i + 3]));
}

// " , " or " . " at p with a digit after: the separator or the decimal point
// of a number in text that was tokenized word by word ("80 , 000", "6 . 2 %").
bool spaced_mark(std::string_view s, std::size_t p, char mark) {
  return p + 3 < s.size() && s[p] == ' ' && s[p + 1] == mark && s[p + 2] == ' ' && is_digit(s[p + 3]);
}

// Scans a number starting at s[i] (a digit, or '.' before a digit) into `t`.
std::size_t scan_number(std::string_view s, std::size_t i, Token& t) {
  std::size_t p = i;
  double v = 0;
  std::uint8_t int_digits = 0;
  while (p < s.size() && is_digit(s[p])) {
    v = v * 10 + (s[p] - '0');
    ++p;
    if (int_digits < 255) ++int_digits;  // saturates: a run of 256 digits is not "1 digit"
  }
  t.leading_zero = int_digits > 1 && s[i] == '0';
  // Indian grouping (lakh, crore): pairs after the first group, then a final
  // three: "1,50,000", "12,34,567.89". Taken only when the whole pattern is there.
  if (int_digits >= 1 && int_digits <= 2 && !t.leading_zero) {
    std::size_t q = p;
    while (q + 3 < s.size() && s[q] == ',' && is_digit(s[q + 1]) && is_digit(s[q + 2]) && s[q + 3] == ',') q += 3;
    if (q > p && q < s.size() && s[q] == ',' && group_of_three(s, q + 1)) {
      for (std::size_t r = p; r < q + 4; ++r) {
        if (!is_digit(s[r])) continue;
        v = v * 10 + (s[r] - '0');
        ++int_digits;
      }
      p = q + 4;
      t.grouped = true;
    }
  }
  // Thousands groups: "," or a space of some kind, then exactly three digits,
  // after a first group of one to three digits. A comma group and a space
  // group never mix.
  if (int_digits >= 1 && int_digits <= 3 && !t.leading_zero) {
    char sep_kind = 0;
    while (p < s.size()) {
      std::size_t sep = 0;
      char kind = 0;
      if (s[p] == ',') {
        sep = 1;
        kind = ',';
      } else if (spaced_mark(s, p, ',')) {
        sep = 3;  // "80 , 000": text tokenized word by word, as treebanks are
        kind = ',';
      } else if (std::size_t n = space_at(s, p); n > 0 && s[p] != '\n' && s[p] != '\t') {
        sep = n;
        kind = ' ';
      }
      if (sep == 0 || (sep_kind != 0 && kind != sep_kind) || !group_of_three(s, p + sep)) break;
      // "1, 234" is a list: a comma group has no space after the comma.
      sep_kind = kind;
      for (std::size_t k = 0; k < 3; ++k) v = v * 10 + (s[p + sep + k] - '0');
      p += sep + 3;
      int_digits = static_cast<std::uint8_t>(std::min(255, int_digits + 3));
      t.grouped = true;
      t.space_grouped = kind == ' ';
    }
  }
  std::uint8_t decimals = 0;
  const bool spaced_point = spaced_mark(s, p, '.') && !t.space_grouped;  // "6 . 2 %", tokenized
  if ((p + 1 < s.size() && s[p] == '.' && is_digit(s[p + 1])) || spaced_point) {
    p += spaced_point ? 3 : 1;
    double scale = 0.1;
    while (p < s.size() && is_digit(s[p])) {
      v += (s[p] - '0') * scale;
      scale /= 10;
      ++p;
      if (decimals < 255) ++decimals;
    }
  }
  // Exponent: "1e10", "12.32e+14", "-12e-1"; not "3em" or "5e" at a word's start.
  if (p + 1 < s.size() && (s[p] == 'e' || s[p] == 'E') && !t.grouped) {
    std::size_t q = p + 1;
    bool neg = false;
    if (q < s.size() && (s[q] == '+' || s[q] == '-')) neg = s[q++] == '-';
    if (q < s.size() && is_digit(s[q])) {
      // Clamped: past a thousand the value is out of double's range either
      // way ("1e8888888888" must not overflow an int). A value that is not
      // finite is dropped by the extractor, never reported.
      constexpr int k_max_exponent = 1000;
      int e = 0;
      while (q < s.size() && is_digit(s[q])) {
        e = std::min(k_max_exponent, e * 10 + (s[q] - '0'));
        ++q;
      }
      if (q == s.size() || !is_ascii_alpha(static_cast<unsigned char>(s[q]))) {
        if (v != 0) v *= std::pow(10.0, neg ? -e : e);  // 0e999 is 0, not 0 * inf
        p = q;
        t.exponent = true;
      }
    }
  }
  // Recompute from the text when decimals or an exponent were read, to
  // avoid accumulated rounding ("0.1 + 0.2", "6.02e23" as 6.02 * 10^23).
  // std::from_chars rounds correctly, as strtod does, but needs no string:
  // only grouped digits are copied out without their separators. Past
  // double's range it gives no value, where strtod gives inf or 0, so strtod
  // answers then.
  if (decimals > 0 || t.exponent) {
    std::string_view digits = s.substr(i, p - i);
    std::string ungrouped;
    if (t.grouped || spaced_point) {
      for (char ch : digits)
        if (is_digit(static_cast<unsigned char>(ch)) || ch == '.') ungrouped.push_back(ch);
      digits = ungrouped;
    }
    if (std::from_chars(digits.data(), digits.data() + digits.size(), v).ec != std::errc())
      v = std::strtod(std::string(digits).c_str(), nullptr);
  }
  t.value = v;
  t.int_digits = int_digits;
  t.decimals = decimals;
  return p;
}

}  // namespace

TokenizedText tokenize(std::string_view text) {
  TokenizedText out;
  tokenize(text, out);
  return out;
}

void tokenize(std::string_view text, TokenizedText& out) {
  out.text = text;
  out.tokens.clear();
  out.numbers = 0;
  out.word_ids.clear();
  out.lower.resize(text.size());
  // Branch-free, so the compiler vectorizes it.
  std::transform(text.begin(), text.end(), out.lower.begin(), [](char c) {
    return static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
  });
  out.tokens.reserve(text.size() / 4 + 16);  // news prose: a token per 4.5 bytes or so

  bool space = true;
  int newlines = 0;
  bool after_word = false;  // the last token is a word
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    // ASCII whitespace, the usual case, without a call to space_at.
    if (is_ascii_space(c)) {
      space = true;
      if (c == '\n') ++newlines;
      ++i;
      continue;
    }
    if (std::size_t n = c >= 0x80 ? space_at(text, i) : 0; n > 0) {
      space = true;
      i += n;
      continue;
    }
    // Built in place: a Token assembled on the stack field by field and then
    // copied is read back wider than it was written, a store-forwarding stall
    // per token.
    Token& t = out.tokens.emplace_back();
    t.begin = static_cast<std::uint32_t>(i);
    t.space_before = space;
    t.break_before = newlines >= 2;
    space = false;
    newlines = 0;

    if (is_digit(c) || (c == '.' && i + 1 < text.size() && is_digit(text[i + 1]) &&
                        (i == 0 || !is_digit(text[i - 1])))) {
      t.kind = TokenKind::number;
      ++out.numbers;
      i = scan_number(text, i, t);
    } else if ((c == '\'' || (c == 0xE2 && text.substr(i, 3) == "\u2019")) && after_word &&
               !t.space_before && i + 3 < text.size() &&
               is_ascii_alpha(static_cast<unsigned char>(text[i + (c == '\'' ? 1 : 3)]))) {
      // A clitic: "Ukraine's", "didn't", "we'll" -> word + "'s" / "'t" / "'ll".
      t.kind = TokenKind::word;
      std::size_t p = i + (c == '\'' ? 1 : 3);
      while (p < text.size() && is_ascii_alpha(static_cast<unsigned char>(text[p]))) ++p;
      i = p;
    } else if (is_ascii_alpha(c) || c >= 0x80) {
      utf8proc_int32_t cp = c;
      std::size_t n = c < 0x80 ? 1 : decode(text, i, cp);
      if (c < 0x80 || is_letter(cp)) {
        t.kind = TokenKind::word;
        t.upper_initial = c < 0x80 ? (c >= 'A' && c <= 'Z') : is_upper(cp);
        std::size_t letters = 0;
        bool lowercase = false;  // a letter that is not uppercase
        std::size_t p = i;
        while (p < text.size()) {
          const std::size_t ascii_end = ascii_letters_end(text, p, lowercase);
          letters += ascii_end - p;
          p = ascii_end;
          if (p == text.size() || static_cast<unsigned char>(text[p]) < 0x80) break;
          utf8proc_int32_t q;
          std::size_t m = decode(text, p, q);
          if (!is_letter(q)) break;
          lowercase = lowercase || !is_upper(q);
          ++letters;
          p += m;
        }
        t.all_upper = letters >= 2 && !lowercase;
        i = p;
      } else {
        t.kind = TokenKind::symbol;
        i += n;
      }
    } else {
      t.kind = TokenKind::symbol;
      ++i;
    }
    t.end = static_cast<std::uint32_t>(i);
    after_word = t.kind == TokenKind::word;
  }
}

}  // namespace tally::detail
