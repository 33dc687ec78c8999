// A claim: one figure together with the document that states it.
//
// `extract` produces mentions per document; `check` turns each into a Claim
// that carries what reconciliation and the reports need (who said it, when,
// and the sentence), so later stages never reach back into documents.
// `reconcile` builds Claims straight from JSONL records (see claim_io.hpp).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <tally/extract.hpp>

namespace tally {

// An immutable string that claims share: the figures of one sentence, or
// the same sentence in many documents, hold one copy. It reads as a
// `const std::string&` (or a `std::string_view`) and is assigned from one.
class SharedText {
 public:
  SharedText() = default;
  SharedText(std::string s)  // NOLINT(google-explicit-constructor): assigned like a string
      : text_(s.empty() ? nullptr : std::make_shared<const std::string>(std::move(s))) {}
  SharedText(const char* s) : SharedText(std::string(s)) {}  // NOLINT(google-explicit-constructor)
  explicit SharedText(std::shared_ptr<const std::string> text) : text_(std::move(text)) {}

  const std::string& str() const { return text_ ? *text_ : empty_string(); }
  operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor)
  operator std::string_view() const { return str(); }    // NOLINT(google-explicit-constructor)

  bool empty() const { return str().empty(); }
  std::size_t size() const { return str().size(); }
  const char* data() const { return str().data(); }
  std::string::const_iterator begin() const { return str().begin(); }
  std::string::const_iterator end() const { return str().end(); }
  void clear() { text_.reset(); }
  // The shared copy itself (null when empty), to tell shared copies apart.
  const std::shared_ptr<const std::string>& shared() const { return text_; }

  friend bool operator==(const SharedText& a, std::string_view b) { return std::string_view(a.str()) == b; }

 private:
  static const std::string& empty_string() {
    static const std::string empty;
    return empty;
  }
  std::shared_ptr<const std::string> text_;
};

struct Claim {
  SmallString doc;     // document id
  SmallString source;  // who published it
  std::optional<SmallString> date;
  Mention mention;
  SharedText sentence;  // raw text of the sentence [sentence_start, sentence_end); may be empty
  std::size_t index = 0;  // position in input order; output is ordered by it
  // For a document from a JSONL corpus: the corpus file and the record's line
  // in it, where CI annotations point (`doc` is the record's id, which names
  // no file). Empty and 0 otherwise.
  SharedText corpus;
  std::size_t corpus_line = 0;
};

}  // namespace tally
