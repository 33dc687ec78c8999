// Internal: the lexicons, parsed once from the embedded *.tsv files.
//
// Words are looked up lowercased; multi-word entries ("per cent", "in excess
// of", "km/h") are phrases of tokens, matched against the token stream with
// the same tokenizer that split them, longest phrase first. Tokens written
// glued in the lexicon ("s$", "km/h") match only when glued in the text too,
// so "s$" (SGD) never reads "music's $500"; a space in the lexicon allows any.
//
//   const Lexicon& lex = Lexicon::instance();
//   if (auto m = lex.units.match_at(tt, i)) { m->value->unit ... m->length tokens }
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <tally/quantity.hpp>

#include "extract/tokenizer.hpp"

namespace tally::detail {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
template <class T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

enum class NumberKind { unit, ten, hundred, scale, dozen, denominator, suffix, vulgar };

struct NumberWord {
  NumberKind kind;
  double value;
};

struct QualifierWord {
  Qualifier qualifier;
};

struct UnitWord {
  std::string unit;
  std::string dimension;
  double factor = 1;
  double offset = 0;
};

struct CurrencyWord {
  std::string code;
  bool before = false;
  bool after = false;
};

struct VagueWord {
  double low, high, typical;
};

struct NounWord {
  std::string lemma;
  std::string klass;  // synonym class; empty: the lemma is its own class
};

// Phrases of one or more tokens, each with a value of type T.
template <class T>
class PhraseTable {
 public:
  struct Match {
    const T* value;
    std::size_t length;  // in tokens
  };

  void add(std::string_view phrase, bool case_sensitive, T value);

  // The longest phrase that starts at token i (and does not cross a paragraph break).
  std::optional<Match> match_at(const TokenizedText& tt, std::size_t i) const;
  // The longest phrase that ends just before token `end` and starts at or after `floor`.
  std::optional<Match> match_ending(const TokenizedText& tt, std::size_t end,
                                    std::size_t floor = 0) const;
  bool empty() const { return by_first_.empty(); }

 private:
  struct Entry {
    std::vector<std::string> tokens;
    std::vector<bool> glued;  // token k stands glued to token k-1 in the lexicon, so must in text
    bool case_sensitive;
    T value;
  };
  bool matches(const Entry& e, const TokenizedText& tt, std::size_t i) const;
  std::vector<Entry> entries_;
  StringMap<std::vector<std::size_t>> by_first_;  // lowercased first token -> entries, longest first
  StringMap<std::vector<std::size_t>> by_last_;
};

class Lexicon {
 public:
  static const Lexicon& instance();

  const NumberWord* number_word(std::string_view lower) const;
  std::optional<double> scale_suffix(std::string_view exact) const;
  const NounWord* noun(std::string_view lower) const;
  std::optional<int> month(std::string_view lower) const;
  std::optional<int> weekday(std::string_view lower) const;
  bool is_currency_code(std::string_view upper) const { return currency_codes.count(upper) > 0; }

  PhraseTable<QualifierWord> qualifiers_before;
  PhraseTable<QualifierWord> qualifiers_after;
  PhraseTable<UnitWord> units;
  PhraseTable<CurrencyWord> currencies;
  PhraseTable<VagueWord> vague;
  PhraseTable<NounWord> noun_phrases;  // multi-word nouns ("death toll")
  PhraseTable<Modality> modality;
  PhraseTable<std::string> rates;     // denominator
  PhraseTable<std::string> measures;  // what a measurement is ("long" -> length)
  StringSet attribution_verbs, change_verbs, id_cues, stops, participles;
  StringSet ordinals;  // words before "half"/"quarter" that make it a period ("first half")
  StringSet money_cues;
  StringSet temperature_cues;  // words that make a bare "C" or "F" glued to a figure degrees ("40C")  // words that make "pounds" after a figure money ("cost 450 pounds")
  StringSet currency_codes;

 private:
  Lexicon();
  StringMap<NumberWord> numbers_;
  StringMap<double> suffixes_;  // case-sensitive
  StringMap<NounWord> nouns_;
  StringMap<int> months_, weekdays_;
};

}  // namespace tally::detail
