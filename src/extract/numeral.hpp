// Internal: reading one numeral from the token stream.
//
// A numeral is the number itself, before qualifiers, units and ranges are
// attached: "10,000", "1.5 million", "12k", "forty-two", "three hundred and
// twenty", "one and a half million", "two thirds", "1/4", "tens of
// thousands", "1.3x10^6". The parser is greedy but never crosses what would
// make two numbers one ("4000 3 hundred" is two numerals).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "extract/tokenizer.hpp"
#include "lexicon/lexicon.hpp"

namespace tally::detail {

enum class NumeralShape {
  digits,   // "10,000", "2.5bn", "12k"
  words,    // "forty-two", "one and a half million", "3 hundred and 21"
  share,    // a fraction of a whole: "two thirds", "one in five", "1/4 of"
  vague,    // "tens of thousands": an interval, not a point
};

struct Numeral {
  std::size_t begin = 0;  // token range [begin, end)
  std::size_t end = 0;
  NumeralShape shape = NumeralShape::digits;
  double value = 0;
  double low = 0, high = 0;  // vague only
  bool scaled = false;       // a scale word or suffix multiplied it
  double multiplier = 1;     // the first scale applied ("20 million": 1e6), for ranges
  bool negative = false;
  bool lone_word = false;    // one small number word alone ("one", "two"): often not a figure
  bool plain_integer = false;  // digits only: no grouping, decimals, scale or sign
  bool simple_fraction = false;  // "1/4" with no whole part: a share or a multiplier by context
  std::string_view suffix;   // a scale suffix glued to the digits ("m" in "3.5m")
};

// Reads the numeral starting at token i, if one starts there.
std::optional<Numeral> parse_numeral(const TokenizedText& tt, std::size_t i, const Lexicon& lex);

// True when token i can start a numeral (cheap pre-check for the scan loop).
// Inline: the scan loop asks it of every token.
inline bool may_start_numeral(const TokenizedText& tt, std::size_t i, const Lexicon& lex) {
  const Token& t = tt.tokens[i];
  if (t.kind == TokenKind::number) return true;
  if (t.kind == TokenKind::symbol) {
    const NumberWord* nw = lex.number_word(tt, i);
    return nw && nw->kind == NumberKind::vulgar;
  }
  if (lex.numeral_starts.contains(tt, i)) return true;
  const NumberWord* nw = lex.number_word(tt, i);
  return nw && nw->kind != NumberKind::suffix;
}

}  // namespace tally::detail
