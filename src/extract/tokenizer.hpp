// Internal: the tokenizer every extraction step reads.
//
// Splits text into words, numbers and symbols with byte offsets, in one pass
// and without allocating per token. A number token is a run of digits with
// its thousands grouping ("10,000", "10 000", "10\u202f000"), decimals and
// exponent ("1.3e6"); signs, scale words and units are separate tokens that
// the numeral parser joins. Each token records whether whitespace or a
// paragraph break stands before it, so "10k" (glued) and "10 k" (spaced) can
// be told apart.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace tally::detail {

enum class TokenKind : std::uint8_t { word, number, symbol };

struct Token {
  std::uint32_t begin = 0;  // byte offsets into the text, end exclusive
  std::uint32_t end = 0;
  TokenKind kind = TokenKind::symbol;
  bool space_before = false;  // whitespace between this token and the previous one
  bool break_before = false;  // a blank line (paragraph break) before it
  bool upper_initial = false;  // a word that starts with an uppercase letter
  bool all_upper = false;      // a word of two or more letters, all uppercase

  // Numbers only.
  double value = 0;
  std::uint8_t decimals = 0;    // digits after the decimal point
  std::uint8_t int_digits = 0;  // digits before it
  bool grouped = false;         // had thousands separators
  bool space_grouped = false;   // ... and they were spaces
  bool leading_zero = false;    // "07": an identifier or a date part, not a count
  bool exponent = false;        // "1e10"
};

struct TokenizedText {
  std::string_view text;
  std::string lower;  // ASCII-lowercased copy of text, same offsets
  std::vector<Token> tokens;
  std::size_t numbers = 0;  // how many of the tokens are numbers
  // Per token, its entry in the lexicon's vocabulary (0: none). Filled by the
  // lexicon the first time it is asked about a token (Vocabulary::id_at), so
  // each token is hashed once however many lexicon checks read it.
  mutable std::vector<std::uint32_t> word_ids;

  // No bounds check (substr's): a token always lies inside the text.
  std::string_view str(const Token& t) const { return {text.data() + t.begin, t.end - t.begin}; }
  std::string_view low(const Token& t) const { return {lower.data() + t.begin, t.end - t.begin}; }
  // By index; past the end is the empty string, so lookahead needs no bounds checks.
  std::string_view str(std::size_t i) const { return i < tokens.size() ? str(tokens[i]) : ""; }
  std::string_view low(std::size_t i) const { return i < tokens.size() ? low(tokens[i]) : ""; }
  std::size_t size() const { return tokens.size(); }
};

TokenizedText tokenize(std::string_view text);
// The same into `out`, reusing the memory it holds from an earlier text:
// the extractor keeps one per thread, so a corpus costs no allocation per
// document and its tokens land in memory that is already in cache.
void tokenize(std::string_view text, TokenizedText& out);

// A bare four-digit number that can be a year: 1000..2100, no separators,
// decimals or exponent ("2024", not "2,024" or "2024.5").
inline bool year_like(const Token& t) {
  return t.kind == TokenKind::number && t.int_digits == 4 && !t.grouped && t.decimals == 0 && !t.exponent &&
         t.value >= 1000 && t.value <= 2100;
}

// Whether token i, lowercased, is `w`; false past the end. Inline because
// the extraction rules ask it at every step, nearly always with a literal,
// which makes it a length check and a compare of a few bytes. Forced, and
// with memcmp rather than string_view's compare: GCC stops inlining into the
// long rule functions that call it most.
[[gnu::always_inline]] inline bool is(const TokenizedText& tt, std::size_t i, std::string_view w) {
  if (i >= tt.size()) return false;
  const Token& t = tt.tokens[i];
  return t.end - t.begin == w.size() && std::memcmp(tt.lower.data() + t.begin, w.data(), w.size()) == 0;
}

}  // namespace tally::detail
