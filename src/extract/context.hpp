// Internal: what surrounds a figure — its sentence, what it counts, how it is
// asserted, who gave it and when it applies.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <tally/quantity.hpp>

#include "extract/tokenizer.hpp"
#include "lexicon/lexicon.hpp"

namespace tally::detail {

struct Sentence {
  std::size_t begin = 0;  // token range [begin, end)
  std::size_t end = 0;
};

// Sentences as token ranges, covering every token. Ends at . ! ? (not after
// an abbreviation or an initial) and at paragraph breaks.
std::vector<Sentence> split_sentences(const TokenizedText& tt, const Lexicon& lex);

struct NounInfo {
  std::string noun;         // lemma of the head ("soldier")
  std::string klass;        // synonym class, or the lemma
  std::string noun_phrase;  // as written ("North Korean soldiers")
  std::vector<std::string> modifiers;  // lowercased words of the phrase besides the head
  std::string place;        // "in russian units"
  std::string event;        // a verb or event noun near the figure
  std::string measure;      // "length" for "19 km long", "magnitude" for "magnitude 6.8"
  bool from_left = false;   // found before the figure ("the death toll of 45")
  bool part = false;        // a part of a group ("12 of the 40 buses"), not the group's size
  bool from_row = false;    // the label of its table row, the figure alone in its cell ("| timeout | 60 s |")
  std::size_t head_end = 0;  // token after the head when found after the figure, else 0
};

// What the figure in tokens [begin, end) counts or measures. A count of
// people with a casualty event takes the event's class ("45 people were
// killed" -> klass "deaths", as "78 deaths"); a measure named before the
// figure ("magnitude 6.8", "a score of 85") leaves the noun empty.
//
// `dimension` is the figure's: after a share or a multiple an adjective says
// how it compares rather than what it counts ("shares closed 4.5% lower",
// "3x faster"), or what it measures ("the vaccine is 95% effective": measure
// "effective"); after money, "in" names what the money is ("$2bn in damage").
NounInfo find_noun(const TokenizedText& tt, std::size_t begin, std::size_t end,
                   const Sentence& s, bool of_follows_scale, std::string_view dimension, const Lexicon& lex);

Modality find_modality(const TokenizedText& tt, std::size_t begin, std::size_t end,
                       std::size_t noun_end, const Sentence& s, const Lexicon& lex);

// Whose the figure is, when what it counts belongs to someone (context.tsv's
// `owned`: revenue, jobs, budget) and the clause names them before it: the
// first proper name in the sentence before token `begin` that is not the
// speaker ("Acme reported revenue of $4.5bn" -> "acme"; "Globex said Acme
// will cut 300 jobs" -> "acme"), lowercased; "" if none.
std::string find_entity(const TokenizedText& tt, const Sentence& s, std::size_t begin, const NounInfo& noun,
                        const Lexicon& lex);

// For a figure in a later cell of a table row ("| troops/ | four outlets |"),
// the row's label: the words of its first cell, lowercased ("troops"); ""
// when the sentence is no table row or the figure is in the first cell. Rows
// are different records: their figures never meet (the label is the entity).
std::string row_label(const TokenizedText& tt, const Sentence& s, std::size_t begin);

std::optional<std::string> find_attribution(const TokenizedText& tt, const Sentence& s,
                                            const Lexicon& lex);

// A calendar date, as the document's own date gives it ("2024-10-14").
struct CalendarDate {
  int y = 0, m = 0, d = 0;
};
std::optional<CalendarDate> parse_iso_date(const std::optional<std::string>& s);

// A time named in a sentence, resolved against the document's date when it
// is relative ("on Sunday"). ISO 8601: "2024", "2024-10", "2024-10-13", or an
// interval "2024-07-01/2024-09-30". `at` is the token that names it.
struct PeriodMark {
  std::size_t at = 0;
  std::string value;
};

// Every period named in sentence `s`, in order. They depend only on the
// sentence, so the extractor finds them once per sentence, not per figure.
std::vector<PeriodMark> period_marks(const TokenizedText& tt, const Sentence& s,
                                     const std::optional<CalendarDate>& doc_date, const Lexicon& lex);

// The period the figure starting at token `begin` is about: the nearest mark,
// except that an adjective period before the figure ("third-quarter revenue
// of $4.25 billion on Thursday") wins unless another figure stands between.
std::optional<std::string> pick_period(const TokenizedText& tt, std::size_t begin,
                                       const Sentence& s, const std::vector<PeriodMark>& marks);

// Both steps at once, for one figure.
std::optional<std::string> find_period(const TokenizedText& tt, std::size_t begin,
                                       const Sentence& s, const std::optional<std::string>& doc_date,
                                       const Lexicon& lex);

}  // namespace tally::detail
