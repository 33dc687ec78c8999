// Diff: what changed in the figures between two versions of a corpus.
//
//   tally::DiffResult d = tally::diff_claims(old_claims, new_claims);
//   tally::write_diff(std::cout, tally::DiffFormat::text, d, old_claims, new_claims, {});
//
// Documents are paired by id; within a document pair, figures are paired by
// subject (then by position), so a figure that moved is not a change and a
// figure whose value changed is one change, not a removal plus an addition.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <tally/claim.hpp>
#include <tally/report.hpp>

namespace tally {

enum class ChangeKind { added, removed, changed };

struct FigureChange {
  ChangeKind kind = ChangeKind::changed;
  std::string doc;                      // document id
  std::optional<std::size_t> old_claim;  // index into the old claims
  std::optional<std::size_t> new_claim;  // index into the new claims
};

struct DiffResult {
  std::vector<std::string> added_documents;
  std::vector<std::string> removed_documents;
  std::vector<FigureChange> changes;  // ordered by document id, then position
  bool empty() const { return added_documents.empty() && removed_documents.empty() && changes.empty(); }
};

DiffResult diff_claims(const std::vector<Claim>& old_claims, const std::vector<Claim>& new_claims);

enum class DiffFormat { text, json, html };

void write_diff(std::ostream& out, DiffFormat format, const DiffResult& diff,
                const std::vector<Claim>& old_claims, const std::vector<Claim>& new_claims,
                const ReportOptions& options);

}  // namespace tally
