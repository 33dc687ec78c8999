// A claim: one figure together with the document that states it.
//
// `extract` produces mentions per document; `check` turns each into a Claim
// that carries what reconciliation and the reports need (who said it, when,
// and the sentence), so later stages never reach back into documents.
// `reconcile` builds Claims straight from JSONL records (see claim_io.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <tally/extract.hpp>

namespace tally {

struct Claim {
  std::string doc;     // document id
  std::string source;  // who published it
  std::optional<std::string> date;
  Mention mention;
  std::string sentence;  // raw text of the sentence [sentence_start, sentence_end); may be empty
  std::size_t index = 0;  // position in input order; output is ordered by it
};

}  // namespace tally
