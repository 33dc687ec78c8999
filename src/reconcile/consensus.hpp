// Consensus and source reliability (truth discovery).
//
//   detail::ClaimFacts facts = detail::claim_facts(claims, std::move(bounds));
//   detail::Reliability rel = detail::estimate_reliability(claims, facts, cells);
//   Consensus c = detail::consensus_of(claims, facts, "km", cell, rel);
//
// A cell is the claims of one subject with one period and modality: the
// claims that should state the same value. Its consensus is a weighted vote
// over the claims' widened intervals: the value covered by the most source
// weight (so "about 3,000" also votes for 3,100, as TruthFinder's implication
// does), refined to the weighted mean of the claims that cover it. Values
// that cannot both be right are never averaged, and a vandal value such as
// 6.6e18 only ever votes for itself.
//
// Source weights are estimated across all cells as CATD does (Li et al.,
// VLDB 2015): a source's loss is the sum of its claims' squared deviations
// from the current truths and its weight is chi2_{0.025}(n_s + 1) /
// (loss_s + tau^2), the upper confidence bound of its error variance, so a
// source seen once weighs little whether it was right or wrong. Deviations
// are taken in log space (3,000 vs 1,500 is as far as 30 vs 15) and capped at
// a factor of 10. The reliability reported in [0, 1] is
// 1 / (1 + sigma^2 / tau^2) with sigma^2 = (loss_s + tau^2) / (n_s + 1): the
// same loss, shrunk towards the tolerance scale by one pseudo-claim, so a
// source never compared is 0.5.
//
// Claims with the same wording (the same sentence modulo case and spacing)
// are one report, as AccuCopy discounts copiers: they share one vote in the
// consensus and count once in `support`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tally/claim.hpp>
#include <tally/reconcile.hpp>

#include "reconcile/interval.hpp"

namespace tally::detail {

// The scale of an acceptable error: log(1.15), the default approximate tolerance.
inline constexpr double k_error_scale = 0.13976;
// A claim's deviation counts at most as much as a factor of 10.
inline constexpr double k_deviation_cap = 2.302585;

// What the consensus reads of every claim, many times over, computed once:
// its widened interval, and who said it in which words as numbers, so that
// weighing and counting sources compares integers rather than strings.
struct ClaimFacts {
  std::vector<Bounds> bounds;                  // by claim position, in the comparison unit
  std::vector<std::uint32_t> source;           // by claim position: index into `source_names`
  std::vector<std::string_view> source_names;  // views of Claim::source, in order of first appearance
  std::vector<std::uint64_t> wording;          // by claim position: wording_key
};

// Source ids and wording keys of `claims`, beside `bounds` (by position).
ClaimFacts claim_facts(const std::vector<Claim>& claims, std::vector<Bounds> bounds);

struct Reliability {
  std::map<std::string, double> reported;  // source -> [0, 1]
  std::vector<double> weight;              // by source id: CATD weight
  double unknown_weight = 0;               // a source seen in no shared cell
};

// Lower 0.025 quantile of the chi-square distribution with `k` degrees of
// freedom (table to 20, Wilson-Hilferty above).
double chi2_lower_quantile(std::size_t k);

// `cells` hold claim positions; every claim to be given a reliability is in one.
Reliability estimate_reliability(const std::vector<Claim>& claims, const ClaimFacts& facts,
                                 const std::vector<std::span<const std::size_t>>& cells);

// The consensus of one cell, in the claims' stated unit when they all share
// it, else in `unit`, the comparison unit of its claims.
Consensus consensus_of(const std::vector<Claim>& claims, const ClaimFacts& facts, std::string_view unit,
                       std::span<const std::size_t> cell, const Reliability& reliability);

// The same value in the comparison unit, before conversion back.
double consensus_point(const std::vector<Claim>& claims, const ClaimFacts& facts,
                       std::span<const std::size_t> cell, const Reliability& reliability);

// 0 when the claim has no sentence; else a hash of it, lowercased, spacing collapsed.
std::uint64_t wording_key(const Claim& claim);

// Sources among `positions`, counting sources whose claims repeat another's
// wording once.
std::size_t independent_sources(const ClaimFacts& facts, std::span<const std::size_t> positions);

}  // namespace tally::detail
