// The pipeline: corpus -> documents -> mentions -> claims, in parallel and in
// input order.
//
//   tally::Extractor ex;
//   tally::PipelineOptions opts;  // jobs = 0: all cores
//   tally::run_extraction(paths, ex, opts, sink,
//       [](const tally::Document& doc, std::vector<tally::Mention>&& ms) { ... });
//
// Documents are read on the calling thread, extracted in batches by `jobs`
// workers, and handed to `deliver` on the calling thread in input order, so
// output does not depend on scheduling. Memory is bounded by the batch size.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <tally/claim.hpp>
#include <tally/corpus.hpp>
#include <tally/extract.hpp>

namespace tally {

struct PipelineOptions {
  unsigned jobs = 0;  // 0: one per core
  CorpusOptions corpus;
  // Text read before a batch is extracted by several workers: enough to keep
  // them busy, small enough that a batch's mentions stay in cache-warm memory.
  std::size_t batch_bytes = std::size_t{1} << 20;
};

using DeliverFn = std::function<void(const Document&, std::vector<Mention>&&)>;

CorpusStats run_extraction(const std::vector<std::string>& paths, const Extractor& extractor,
                           const PipelineOptions& options, DiagnosticSink& sink,
                           const DeliverFn& deliver);

// Claims from one document's mentions; `first_index` numbers them in input order.
std::vector<Claim> make_claims(const Document& doc, std::vector<Mention>&& mentions,
                               std::size_t first_index);

// Builds claims into a vector (in place: no extra move), keeping one copy of
// each distinct sentence for every claim, of any document, that quotes it.
// Drop it once the claims are built: the claims keep their sentences.
class ClaimBuilder {
 public:
  void append(const Document& doc, std::vector<Mention>&& mentions, std::size_t first_index,
              std::vector<Claim>& out);

 private:
  SharedText sentence(std::string_view text);
  std::unordered_map<std::string_view, SharedText> sentences_;  // keys view the values
  SharedText corpus_;  // the last JSONL corpus seen, shared by its claims
};

}  // namespace tally
