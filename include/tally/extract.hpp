// The extractor: every figure in a document, normalised.
//
//   tally::Extractor ex;                      // lexicons are built in
//   for (const tally::Mention& m : ex.extract(doc))
//     fmt::print("{} -> {} {}\n", m.text, *m.value, m.unit);
//
// "approximately 3,000 North Korean personnel" gives value 3000, qualifier
// approximate, dimension count, noun "personnel", noun_phrase "North Korean
// personnel". "$2.5bn" gives 2.5e9 USD. "between 10 and 12 thousand" gives
// the range [10000, 12000]. Years, dates, times, ordinals, ages used as
// adjectives and identifiers are not figures and are never returned.
//
// An Extractor is immutable after construction and safe to share between
// threads; `extract` is a pure function of the document.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tally/corpus.hpp>
#include <tally/quantity.hpp>
#include <tally/small_string.hpp>

namespace tally {

struct Mention {
  // Where: byte offsets into Document::raw, end exclusive; 1-based line/col.
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t line = 0;
  std::size_t col = 0;
  SmallString text;  // raw bytes [start, end)

  // What was stated, in the stated unit.
  std::optional<double> value;
  Interval stated;
  Qualifier qualifier = Qualifier::exact;
  Modality modality = Modality::asserted;  // how it is asserted (beside `qualifier`: no padding)
  bool is_rate = false;                    // a unit with a denominator (per day)
  SmallString dimension = "count";
  SmallString unit;  // canonical symbol; "" for a plain count

  // The same in the dimension's base unit (see units.tsv).
  std::optional<double> norm_value;
  Interval norm;
  SmallString norm_unit;

  // What is counted or measured.
  SmallString noun;         // lemma of the counted thing, "" if none
  SmallString noun_phrase;  // the words that say what is counted
  SmallString subject;      // human-readable grouping key for `check`
  SmallString block;        // coarse key: claims in different blocks are never compared
  std::optional<SmallString> period;       // ISO date or interval the figure is about
  std::optional<SmallString> attribution;  // who gave the figure

  // The sentence around it, as raw offsets.
  std::size_t sentence_start = 0;
  std::size_t sentence_end = 0;

  // Features the reconciler matches on; not part of the printed record.
  std::vector<std::string> modifiers;  // key modifiers and entities, lowercased
  SmallString event;                   // verb or event noun ("killed", "revenue")
  SmallString place;                   // "in russia", lowercased
  SmallString entity;                  // whose it is, for owned things ("acme" for Acme's revenue), lowercased
};

namespace detail {
class ExtractorImpl;
}

struct ExtractOptions {
  // Reserved for per-run switches (lexicon overrides come through the config).
};

class Extractor {
 public:
  Extractor();
  explicit Extractor(ExtractOptions options);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  std::vector<Mention> extract(const Document& doc) const;

 private:
  std::unique_ptr<detail::ExtractorImpl> impl_;
};

}  // namespace tally
