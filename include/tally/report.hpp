// Reporters: extract records and check findings in every output format.
//
// The extract record (SPEC "extract output") is the unit every format shares:
// `to_record` builds it, `claim_from_record` (claim_io.hpp) reads it back.
//
//   tally::ExtractWriter w(std::cout, tally::ExtractFormat::jsonl, {});
//   for (const tally::Claim& c : claims) w.add(c);
//   w.finish();
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tally/claim.hpp>
#include <tally/corpus.hpp>
#include <tally/reconcile.hpp>

namespace tally {

inline constexpr const char* k_version = "0.1.0";

struct ReportOptions {
  bool color = false;    // ANSI colour in text output (a terminal only)
  bool explain = false;  // check: say why claims were grouped and how severity was set
};

// SPEC's extract record for one claim.
nlohmann::json to_record(const Claim& claim);

// Appends the record, serialised, to `out`: the same bytes as
// `to_record(claim).dump(-1, ' ', false, error_handler_t::replace)` (invalid
// UTF-8 as U+FFFD), without building the json value. `extract`'s JSONL and
// JSON writers use it.
void append_record(std::string& out, const Claim& claim);

// The fields of a record that come from the figure's document, viewed where
// they are: `extract` writes each mention straight from its document, with
// no Claim in between.
struct RecordSource {
  std::string_view doc;
  std::string_view source;
  std::optional<std::string_view> date;
};
void append_record(std::string& out, const RecordSource& from, const Mention& mention);

enum class ExtractFormat { text, jsonl, json, tsv };

// Writes extract output as claims arrive; nothing is buffered but the text
// table's column widths, which are fixed.
class ExtractWriter {
 public:
  ExtractWriter(std::ostream& out, ExtractFormat format, ReportOptions options);
  void add(const RecordSource& from, const Mention& mention);
  void add(const Claim& claim) { add({claim.doc, claim.source, claim.date}, claim.mention); }
  void finish();  // writes what is pending and the closing bracket of json

 private:
  static constexpr std::size_t k_flush_bytes = std::size_t{64} << 10;
  char* room(std::size_t n);  // `n` writable bytes at the end of what is pending
  void flush();

  std::ostream& out_;
  ExtractFormat format_;
  ReportOptions options_;
  std::size_t count_ = 0;
  std::string last_doc_;
  // JSON records waiting to be written: one stream write per 64 KiB, not per
  // record. Its first `used_` bytes are pending; it keeps its size from write
  // to write, so it allocates and zero-fills once.
  std::string pending_;
  std::size_t used_ = 0;
};

enum class CheckFormat { text, json, jsonl, sarif, github, html };

// A document as the HTML report shows it: its text with every figure marked.
struct DocumentView {
  DocumentMeta meta;
  std::string raw;
  std::vector<std::size_t> claims;  // indexes into CheckRun::claims, in text order
};

struct CheckRun {
  std::size_t documents = 0;
  const std::vector<Claim>* claims = nullptr;
  const Reconciliation* result = nullptr;
  std::vector<DocumentView> views;  // filled only for the HTML report
};

void write_check(std::ostream& out, CheckFormat format, const CheckRun& run,
                 const ReportOptions& options);

}  // namespace tally
