// Forming subjects: which claims of a block are about the same thing.
//
//   detail::Subjects subjects = detail::form_subjects(claims, eligible, config, Grouping::cluster);
//   for (const detail::Subject& s : subjects.compared)
//     ...  // s.claims: positions in `claims`, ordered by Claim::index
//   for (std::size_t p : subjects.lone) ...  // claims compared with nothing
//
// Subjects never cross a block, a comparison unit, or rate-ness. Period and
// modality do not split a subject: they split it into cells later, so the
// same troops counted on two days give `drift` and a plan versus a count
// gives `aspect` instead of a conflict.
//
// Grouping::cluster, within a block:
//  1. exact keys: comparison unit, rate or total, and what is counted (the
//     noun's synonym class; for casualties the event too: "45 people killed"
//     and "the death toll of 45" both count `killed`). A claim with nothing
//     counted (no noun, no event) is never grouped: it is a lone subject.
//  2. identical contexts (modifiers, place, event, modality) collapse into
//     one node, so 100,000 claims with a few hundred contexts cost a few
//     hundred nodes.
//  3. nodes are linked by the cosine similarity of their context features
//     (each modifier and event, the words of the place; plus the counted key
//     shared by all, so bare contexts score 1 with each other). Edges at or
//     above k_link_threshold are merged strongest first (single link), but
//     never across a contradiction: modifier sets of which neither contains
//     the other ("north korean" vs "russian"), places with no word in common
//     ("in gaza" vs "in israel"), or different events under the same
//     modality ("released" vs "transferred"). With at most k_exact_nodes
//     nodes every pair is scored in one Eigen similarity matrix. Above that,
//     candidate groups bound the work: the nodes sharing a feature (in
//     windows of 2 * k_window_step when more than that share it), and the
//     first k_max_wildcards nodes with neither modifiers nor place, paired
//     with every node; each node keeps its k_max_edges strongest edges.
//     When a subblock has both, only contexts naming a modifier or a place
//     are clustered this way.
//  4. a claim with neither modifiers nor place ("10,000 soldiers") joins,
//     among the clusters it contradicts nowhere and reaches at
//     k_link_threshold, the one its own document reports nearest before it
//     (else after it), else the one most sources report; bare claims that
//     fit no cluster cluster among themselves. Per claim, so bare claims of
//     different documents may join different subjects.
//  5. two claims of one sentence are never compared: if they land in one
//     subject, the later is set apart.
// For m nodes with at most F features each, pairwise work is
// O(m * F * k_window_step + m * k_max_wildcards) and memory
// O(k_window_step^2 + m * k_max_edges): a block never goes quadratic.
//
// Grouping::exact_subject takes Mention::subject as given (tally reconcile),
// split only where values cannot be compared (different comparison units).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <tally/claim.hpp>
#include <tally/config.hpp>
#include <tally/reconcile.hpp>

namespace tally::detail {

// A bare context links to one with up to two modifiers (1/sqrt(3) = 0.58);
// two contexts with one different feature each ("acme" vs "in ohio": 0.5)
// stay apart.
inline constexpr double k_link_threshold = 0.55;
inline constexpr std::size_t k_exact_nodes = 1024;
inline constexpr std::size_t k_window_step = 128;
inline constexpr std::size_t k_max_wildcards = 64;
inline constexpr std::size_t k_max_edges = 32;  // per node, above k_exact_nodes

// Synonym classes of counted nouns and events: the built-in table
// (synonyms.hpp) extended by the config.
class Synonyms {
 public:
  explicit Synonyms(const Config& config);
  // The class of a word or phrase; the word itself (crudely singularised)
  // when it is in no class; "" for neutral words.
  std::string class_of(std::string_view word) const;
  bool is_casualty(std::string_view cls) const;
  bool is_carrier(std::string_view cls) const;

 private:
  std::map<std::string, std::string, std::less<>> word_class_;
  std::map<std::string, int, std::less<>> class_kind_;
};

// What a claim counts, after synonyms: "troops", "killed", "troops killed",
// "revenue"; "" when nothing is known.
std::string counted_key(const Mention& m, const Synonyms& syn);

// The context a claim is matched on, beyond what it counts.
struct Context {
  std::vector<std::string> modifiers;  // lowercased, sorted, unique
  std::vector<std::string> place;      // words of the place, without prepositions
  std::string event;                   // synonym class; "" if none or neutral
  Modality modality = Modality::asserted;
};

Context context_of(const Mention& m, const Synonyms& syn);

// Whether two contexts may describe the same thing (no contradiction).
bool compatible(const Context& a, const Context& b);

// Cosine similarity of the two contexts' feature vectors, counting the shared
// counted key as one feature of weight 1 (so two bare claims score 1).
double similarity(const Context& a, const Context& b);

struct Subject {
  std::string block;
  std::string label;                 // human-readable subject
  std::vector<std::size_t> claims;   // positions in the claims vector, by Claim::index
  std::vector<std::string> matched;  // why these claims are one subject (--explain)
};

// Every eligible claim is in exactly one subject. A claim with nothing
// counted is a subject of its own that is compared with nothing; such lone
// claims are many (744,442 of the 2,042,017 claims of the 100,000-document
// benchmark), so they are kept as bare positions, their block and label read
// from the claim, instead of as Subjects with strings of their own.
struct Subjects {
  std::vector<Subject> compared;  // ordered by block, then Claim::index of the first claim
  std::vector<std::size_t> lone;  // positions, in the order of `eligible`
};

// A lone claim's label: the extractor's subject, else its noun phrase.
std::string_view lone_label(const Mention& m);
// Why a lone claim is a subject of its own (--explain).
inline constexpr std::string_view k_lone_reason = "nothing counted: compared with no other claim";

// `eligible`: positions of the claims to group (ignored paths and claims
// without a value already left out).
Subjects form_subjects(const std::vector<Claim>& claims, const std::vector<std::size_t>& eligible,
                       const Config& config, Grouping grouping);

}  // namespace tally::detail
