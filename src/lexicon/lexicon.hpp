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
//   if (lex.stops.contains(tt, i)) ...  // token i; tt caches its lookup
//
// Every word of every lexicon has one entry in a shared Vocabulary holding all
// its roles (number word, month, noun, stop word, first word of a unit...).
// A token is hashed once per text; every later check on it reads its entry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tally/quantity.hpp>

#include "extract/tokenizer.hpp"

namespace tally::detail {

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
  double subunit = 1;  // the value of one, in the currency: 0.01 for "cents", "pence"
};

struct VagueWord {
  double low, high, typical;
};

struct NounWord {
  std::string lemma;
  std::string klass;  // synonym class; empty: the lemma is its own class
};

// Bits of WordInfo::lists: the word lists of context.tsv and currencies.tsv a word is on.
enum class WordList : std::uint16_t {
  attribution_verb = 1 << 0,
  change_verb = 1 << 1,
  id_cue = 1 << 2,
  stop = 1 << 3,
  participle = 1 << 4,
  ordinal = 1 << 5,
  money_cue = 1 << 6,
  temperature_cue = 1 << 7,
  currency_code = 1 << 8,
  link = 1 << 9,
  numeral_start = 1 << 10,
  period_cue = 1 << 11,
  owned = 1 << 12,
  mass_cue = 1 << 13,
  increment = 1 << 14,
  date_word = 1 << 15,  // a month or a weekday (WordInfo::month, ::weekday), as one bit to test
};

// Every role one word has in the lexicons, so that a token is looked up once
// and each later check is a field read.
struct WordInfo {
  std::optional<NumberWord> number;
  std::optional<double> suffix;  // scale suffix; keyed by the exact (case-sensitive) word
  std::optional<NounWord> noun;
  std::optional<int> month;    // 1-12
  std::optional<int> weekday;  // as context.tsv numbers it
  std::uint16_t lists = 0;     // WordList bits
};

// The words of all the lexicons, each with a dense id (0 stands for every
// word the lexicons do not know), in an open-addressing table with a cheap
// hash: tokens are looked up in it at every step of extraction.
//
//   std::uint32_t id = vocab.id_at(tt, i);  // hashed on the first call for tt only
//   if (vocab.info(id).month) ...
class Vocabulary {
 public:
  Vocabulary();

  // The id of `word`, adding it if new. Only while the lexicon is built.
  std::uint32_t add(std::string_view word);
  WordInfo& info_for(std::string_view word) { return infos_[add(word)]; }

  std::uint32_t find(std::string_view word) const;
  // The id of token i's lowercased text; past the end, that of "". The
  // first call on a text looks up all its tokens at once. Unfilled ids are
  // empty (tokenize clears them), and filled ones as many as the tokens, so
  // the ids alone answer both checks: this is the most frequent lookup.
  [[gnu::always_inline]] std::uint32_t id_at(const TokenizedText& tt, std::size_t i) const {
    if (tt.word_ids.empty()) [[unlikely]] fill(tt);
    return i < tt.word_ids.size() ? tt.word_ids[i] : empty_id_;
  }
  const WordInfo& info(std::uint32_t id) const { return infos_[id]; }

  // The word lists `id` is on (WordList bits), kept apart from WordInfo: a
  // list check, the most frequent lookup, reads two bytes of a dense array
  // instead of a cache line of a 136-byte entry.
  std::uint16_t lists(std::uint32_t id) const { return lists_[id]; }
  void add_to_list(std::string_view word, std::uint16_t bit) {
    const std::uint32_t id = add(word);
    infos_[id].lists |= bit;
    lists_[id] |= bit;
  }

 private:
  // Open addressing, size a power of two. A slot keeps the id (0: empty),
  // the word's size and its first eight bytes, so a word of up to eight
  // bytes (nearly every token) is recognised without comparing strings.
  struct Slot {
    std::uint64_t head = 0;
    std::uint32_t id = 0;
    std::uint32_t size = 0;
  };
  struct Key {
    std::uint64_t head;  // the first eight bytes, zero-padded
    std::uint64_t hash;
  };
  static Key key_of(std::string_view word);
  // find(), inlined into fill()'s loop, over slots[0..mask].
  std::uint32_t lookup(std::string_view word, const Slot* slots, std::size_t mask) const;
  void fill(const TokenizedText& tt) const;
  void grow();
  void place(std::uint32_t id, std::vector<Slot>& slots) const;  // into its first free slot

  std::vector<std::string> words_;  // by id; words_[0] is unused
  std::vector<WordInfo> infos_;     // by id; infos_[0] is empty
  std::vector<std::uint16_t> lists_;  // by id: infos_[id].lists
  std::vector<Slot> slots_;
  std::uint32_t empty_id_ = 0;        // id of "" (0 unless a lexicon lists it)
  bool numeric_words_ = false;        // a word starts with a digit or '.', as number tokens do
};

// A word list, stored as one bit per word in the vocabulary.
class WordSet {
 public:
  WordSet(Vocabulary& vocab, WordList list) : vocab_(&vocab), bit_(static_cast<std::uint16_t>(list)) {}

  void insert(std::string_view word) { vocab_->add_to_list(word, bit_); }
  bool count(std::string_view word) const { return (vocab_->lists(vocab_->find(word)) & bit_) != 0; }
  // Whether token i (lowercased) is on the list. Forced inline, as is():
  // a few loads, asked at nearly every step of the rules.
  [[gnu::always_inline]] bool contains(const TokenizedText& tt, std::size_t i) const {
    return (vocab_->lists(vocab_->id_at(tt, i)) & bit_) != 0;
  }

 private:
  Vocabulary* vocab_;
  std::uint16_t bit_;
};

// Phrases of one or more tokens, each with a value of type T.
template <class T>
class PhraseTable {
 public:
  struct Match {
    const T* value;
    std::size_t length;  // in tokens
  };

  explicit PhraseTable(Vocabulary& vocab) : vocab_(&vocab) {}

  void add(std::string_view phrase, bool case_sensitive, T value);

  // Both lookups are inline up to the index: most tokens start or end no
  // phrase, and are turned away without a call.

  // The longest phrase that starts at token i (and does not cross a paragraph break).
  std::optional<Match> match_at(const TokenizedText& tt, std::size_t i) const {
    if (i >= tt.size()) return std::nullopt;
    const std::vector<Indexed>* candidates = entries_of(by_first_, vocab_->id_at(tt, i));
    if (!candidates) return std::nullopt;
    return first_match(*candidates, tt, i);
  }
  // The longest phrase that ends just before token `end` and starts at or after `floor`.
  std::optional<Match> match_ending(const TokenizedText& tt, std::size_t end, std::size_t floor = 0) const {
    if (end == 0 || end <= floor || end > tt.size()) return std::nullopt;
    const std::vector<Indexed>* candidates = entries_of(by_last_, vocab_->id_at(tt, end - 1));
    if (!candidates) return std::nullopt;
    return last_match(*candidates, tt, end, floor);
  }
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    std::vector<std::string> tokens;
    std::vector<bool> glued;  // token k stands glued to token k-1 in the lexicon, so must in text
    std::vector<std::uint32_t> ids;  // vocabulary ids of the tokens, when not case-sensitive
    bool case_sensitive;
    T value;
  };
  // An entry listed under one of its end tokens, with what rejects it
  // without a look at the entry: its length, and the id of its token next
  // to that end (0 for a one-token or case-sensitive entry). Many phrases
  // share an end ("plans to", "aims to", "set to"); the next token tells them apart.
  struct Indexed {
    std::uint32_t entry;
    std::uint32_t length;   // in tokens
    std::uint32_t next_id;  // the second token's id (by_first_), the second to last's (by_last_)
  };
  using Index = std::vector<std::vector<Indexed>>;  // word id -> entries, longest first
  bool matches(const Entry& e, const TokenizedText& tt, std::size_t i) const;
  // The rest of match_at and match_ending, over the entries indexed under the end token.
  std::optional<Match> first_match(const std::vector<Indexed>& candidates, const TokenizedText& tt,
                                   std::size_t i) const;
  std::optional<Match> last_match(const std::vector<Indexed>& candidates, const TokenizedText& tt,
                                  std::size_t end, std::size_t floor) const;
  static const std::vector<Indexed>* entries_of(const Index& index, std::uint32_t id) {
    return id < index.size() && !index[id].empty() ? &index[id] : nullptr;
  }
  Vocabulary* vocab_;
  std::vector<Entry> entries_;
  Index by_first_;  // by the lowercased first token
  Index by_last_;   // by the lowercased last token
};

class Lexicon {
 public:
  static const Lexicon& instance();

  const NumberWord* number_word(std::string_view lower) const { return number_of(vocab_.find(lower)); }
  std::optional<double> scale_suffix(std::string_view exact) const {
    return vocab_.info(vocab_.find(exact)).suffix;
  }
  const NounWord* noun(std::string_view lower) const { return noun_of(vocab_.find(lower)); }
  std::optional<int> month(std::string_view lower) const { return month_of(vocab_.find(lower)); }
  std::optional<int> weekday(std::string_view lower) const { return weekday_of(vocab_.find(lower)); }
  bool is_currency_code(std::string_view upper) const { return currency_codes.count(upper); }

  // The same, for token i lowercased, through the token's cached vocabulary id.
  const NumberWord* number_word(const TokenizedText& tt, std::size_t i) const {
    return number_of(vocab_.id_at(tt, i));
  }
  const NounWord* noun(const TokenizedText& tt, std::size_t i) const { return noun_of(vocab_.id_at(tt, i)); }
  std::optional<int> month(const TokenizedText& tt, std::size_t i) const {
    return month_of(vocab_.id_at(tt, i));
  }
  std::optional<int> weekday(const TokenizedText& tt, std::size_t i) const {
    return weekday_of(vocab_.id_at(tt, i));
  }
  // Whether token i is a month, a weekday or a period cue: a word a period
  // may start at. One read of its list bits, asked of every word of a sentence.
  bool period_start(const TokenizedText& tt, std::size_t i) const {
    constexpr auto k_bits = static_cast<std::uint16_t>(WordList::period_cue) |
                            static_cast<std::uint16_t>(WordList::date_word);
    return (vocab_.lists(vocab_.id_at(tt, i)) & k_bits) != 0;
  }

 private:
  Vocabulary vocab_;  // first: the tables below index into it

 public:
  PhraseTable<QualifierWord> qualifiers_before{vocab_};
  PhraseTable<QualifierWord> qualifiers_after{vocab_};
  PhraseTable<UnitWord> units{vocab_};
  PhraseTable<CurrencyWord> currencies{vocab_};
  PhraseTable<VagueWord> vague{vocab_};
  PhraseTable<NounWord> noun_phrases{vocab_};  // multi-word nouns ("death toll")
  PhraseTable<Modality> modality{vocab_};
  PhraseTable<std::string> rates{vocab_};     // denominator
  PhraseTable<std::string> measures{vocab_};  // what a measurement is ("long" -> length)
  WordSet attribution_verbs{vocab_, WordList::attribution_verb};
  WordSet change_verbs{vocab_, WordList::change_verb};
  WordSet links{vocab_, WordList::link};
  WordSet numeral_starts{vocab_, WordList::numeral_start};  // "a" dozen, "several" thousand, "minus" 5
  WordSet period_cues{vocab_, WordList::period_cue};  // words that may start a period besides months and weekdays  // copulas and verbs of size between a noun and its figure ("is", "stretches")
  WordSet id_cues{vocab_, WordList::id_cue};
  WordSet stops{vocab_, WordList::stop};
  WordSet participles{vocab_, WordList::participle};
  WordSet ordinals{vocab_, WordList::ordinal};  // words before "half"/"quarter" that make it a period ("first half")
  WordSet increments{vocab_, WordList::increment};  // words that make a figure an amount added ("another 300")
  WordSet mass_cues{vocab_, WordList::mass_cue};  // words that keep a large "pounds" a weight ("a ton is 2,000 pounds")
  WordSet money_cues{vocab_, WordList::money_cue};  // words that make "pounds" after a figure money ("cost 450 pounds")
  WordSet temperature_cues{vocab_, WordList::temperature_cue};  // words that make a bare "C" or "F" glued to a figure degrees ("40C")
  WordSet currency_codes{vocab_, WordList::currency_code};  // uppercase ("USD")
  WordSet date_words{vocab_, WordList::date_word};  // months and weekdays
  WordSet owned{vocab_, WordList::owned};  // lemmas of what belongs to someone named in the clause ("revenue", "job")

  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

 private:
  Lexicon();
  const NumberWord* number_of(std::uint32_t id) const {
    const auto& n = vocab_.info(id).number;
    return n ? &*n : nullptr;
  }
  const NounWord* noun_of(std::uint32_t id) const {
    const auto& n = vocab_.info(id).noun;
    return n ? &*n : nullptr;
  }
  std::optional<int> month_of(std::uint32_t id) const { return vocab_.info(id).month; }
  std::optional<int> weekday_of(std::uint32_t id) const { return vocab_.info(id).weekday; }
};

}  // namespace tally::detail
