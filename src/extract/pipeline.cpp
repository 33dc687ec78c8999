// The pipeline: read on the calling thread, extract a batch on `jobs`
// threads, deliver in input order. Batches bound memory: at most
// `batch_bytes` of text (plus one document) is held at a time. With one
// worker there is nothing to overlap, so each document is extracted and
// delivered as soon as it is read: its mentions reuse memory that is still
// warm instead of a batch's worth of fresh pages.
#include <tally/pipeline.hpp>

#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <thread>

namespace tally {
namespace {

unsigned worker_count(unsigned jobs) {
  if (jobs > 0) return jobs;
  unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}

void extract_batch(const Extractor& extractor, const std::vector<Document>& docs,
                   std::vector<std::vector<Mention>>& results, unsigned workers) {
  results.assign(docs.size(), {});
  if (workers <= 1 || docs.size() <= 1) {
    for (std::size_t i = 0; i < docs.size(); ++i) results[i] = extractor.extract(docs[i]);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < docs.size(); i = next++) results[i] = extractor.extract(docs[i]);
  };
  std::vector<std::thread> threads;
  unsigned n = std::min<unsigned>(workers, static_cast<unsigned>(docs.size()));
  for (unsigned t = 1; t < n; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
}

}  // namespace

CorpusStats run_extraction(const std::vector<std::string>& paths, const Extractor& extractor,
                           const PipelineOptions& options, DiagnosticSink& sink,
                           const DeliverFn& deliver) {
  const unsigned workers = worker_count(options.jobs);
  if (workers <= 1) {
    return read_corpus(paths, options.corpus, sink, [&](Document&& doc) {
      deliver(doc, extractor.extract(doc));
    });
  }
  std::vector<Document> batch;
  std::vector<std::vector<Mention>> results;
  std::size_t bytes = 0;
  auto flush = [&] {
    extract_batch(extractor, batch, results, workers);
    for (std::size_t i = 0; i < batch.size(); ++i) deliver(batch[i], std::move(results[i]));
    batch.clear();
    bytes = 0;
  };
  CorpusStats stats = read_corpus(paths, options.corpus, sink, [&](Document&& doc) {
    bytes += doc.raw.size() + doc.text.size();
    batch.push_back(std::move(doc));
    if (bytes >= options.batch_bytes || batch.size() >= 4096) flush();
  });
  flush();
  return stats;
}

SharedText ClaimBuilder::sentence(std::string_view text) {
  if (text.empty()) return {};
  auto it = sentences_.find(text);
  if (it != sentences_.end()) return it->second;
  SharedText shared(std::make_shared<const std::string>(text));
  sentences_.emplace(std::string_view(shared.str()), shared);
  return shared;
}

void ClaimBuilder::append(const Document& doc, std::vector<Mention>&& mentions, std::size_t first_index,
                          std::vector<Claim>& out) {
  if (doc.origin_line > 0 && corpus_.str() != doc.origin) corpus_ = SharedText(doc.origin);
  for (Mention& m : mentions) {
    Claim& c = out.emplace_back();
    if (doc.origin_line > 0) {
      c.corpus = corpus_;
      c.corpus_line = doc.origin_line;
    }
    c.doc = doc.meta.id;
    c.source = doc.meta.source;
    c.date = doc.meta.date;
    if (m.sentence_start > doc.raw.size()) throw std::out_of_range("sentence_start beyond the document");
    c.sentence = sentence(std::string_view(doc.raw).substr(m.sentence_start, m.sentence_end - m.sentence_start));
    c.mention = std::move(m);
    c.index = first_index++;
  }
}

std::vector<Claim> make_claims(const Document& doc, std::vector<Mention>&& mentions,
                               std::size_t first_index) {
  std::vector<Claim> out;
  out.reserve(mentions.size());
  ClaimBuilder().append(doc, std::move(mentions), first_index, out);
  return out;
}

}  // namespace tally
