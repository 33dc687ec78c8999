// Rule `arithmetic` (see arithmetic.hpp). The sentence patterns are read
// from the raw sentence around the mentions rather than from a parse: the
// wording that states a total ("of the", "of whom") sits right next to the
// figures, and anything less plain is left alone.
#include "reconcile/arithmetic.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

#include "reconcile/grouping.hpp"
#include "reconcile/interval.hpp"

namespace tally::detail {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool ends_with(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}
bool starts_with(std::string_view s, std::string_view pre) {
  return s.size() >= pre.size() && s.substr(0, pre.size()) == pre;
}

// Words as runs of letters, hyphens and apostrophes; anything else ends the run.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !(std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '-' || s[i] == '\'')) ++i;
    std::size_t j = i;
    while (j < s.size() && (std::isalpha(static_cast<unsigned char>(s[j])) || s[j] == '-' || s[j] == '\'')) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool only_letters_and_spaces(std::string_view s) {
  for (char c : s)
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '\'' || c == '\t'))
      return false;
  return true;
}

struct Figure {
  std::size_t pos;     // position in the claims vector
  std::size_t start;   // offset in the sentence
  std::size_t end;
  const Mention* m;
};

bool exact_count(const Mention& m) {
  return m.dimension == "count" && m.unit.empty() && !m.is_rate && m.qualifier == Qualifier::exact && m.value &&
         *m.value > 0 && std::isfinite(*m.value);
}

bool is_percent(const Mention& m) {
  return (m.dimension == "percent" || m.unit == "%") && m.value && std::isfinite(*m.value) &&
         (m.qualifier == Qualifier::exact || m.qualifier == Qualifier::approximate ||
          m.qualifier == Qualifier::nearly);
}

// "of the", "of all", "out of", "out of the" right before a figure.
bool ends_with_of_the(std::string_view before) {
  for (std::string_view tail : {"out of the", "out of", "of the", "of all the", "of all"}) {
    if (ends_with(before, tail)) {
      std::string_view rest = before.substr(0, before.size() - tail.size());
      if (rest.empty() || rest.back() == ' ' || rest.back() == ',' || rest.back() == '(') return true;
    }
  }
  return false;
}

// After a total: its noun phrase (a few words), then wording that introduces parts.
bool introduces_parts(std::string_view after) {
  std::string_view s = trim(after);
  for (int w = 0; w <= 4; ++w) {
    std::string_view t = s;
    if (!t.empty() && t.front() == ',') t = trim(t.substr(1));
    for (std::string_view cue : {"of whom", "of which", "including", "among them", "among whom"})
      if (starts_with(t, cue) && s.size() > t.size()) return true;  // the comma is required
    // skip one word
    std::size_t i = 0;
    while (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '-' || s[i] == '\'')) ++i;
    if (i == 0) return false;
    s = trim(s.substr(i));
  }
  return false;
}

// "Of the 1,200 prisoners held at the camp, ..." : the total's phrase ends at a comma.
bool total_phrase_closes(std::string_view after) {
  auto comma = after.find(',');
  if (comma == std::string_view::npos || comma > 80) return false;
  return only_letters_and_spaces(after.substr(0, comma)) && words(after.substr(0, comma)).size() <= 8;
}

double rounding_of(const Mention& m, const Tolerances& t) {
  return std::min(relative_precision(m.text, m.value.value_or(0)), t.exact_max);
}

// statcheck's reading of a stated percentage: "40%" covers 39.5-40.5,
// "40.5%" 40.45-40.55.
double percent_half_unit(std::string_view text) {
  std::size_t first = text.find_first_of("0123456789");
  if (first == std::string_view::npos) return 0.5;
  std::size_t end = first;
  while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.' || text[end] == ','))
    ++end;
  std::string_view run = text.substr(first, end - first);
  while (!run.empty() && (run.back() == '.' || run.back() == ',')) run.remove_suffix(1);
  auto point = run.find('.');
  if (point == std::string_view::npos) return 0.5;
  return 0.5 * std::pow(10.0, -static_cast<double>(run.size() - point - 1));
}

// s[from, to), or nothing when the offsets are not an ordered range inside
// `s`: offsets come from other stages and a bad one must not throw here.
std::string_view slice(std::string_view s, std::size_t from, std::size_t to) {
  if (from > to || to > s.size()) return {};
  return s.substr(from, to - from);
}

std::string figure_text(const Mention& m) {
  return m.text.empty() ? format_figure(m.value.value_or(0)) : m.text.str();
}

// A claim's figure as it lies in its sentence, if it does.
std::optional<Figure> figure_in_sentence(const std::vector<Claim>& claims, std::size_t p) {
  const Claim& c = claims[p];
  const Mention& m = c.mention;
  if (c.sentence.empty() || m.start > m.end || m.sentence_start > m.sentence_end ||
      m.start < m.sentence_start || m.end > m.sentence_end)
    return std::nullopt;
  std::size_t start = m.start - m.sentence_start;
  std::size_t end = m.end - m.sentence_start;
  if (end > c.sentence.size() || slice(c.sentence, start, end) != m.text) return std::nullopt;
  return Figure{p, start, end, &m};
}

// The sentence a claim is in, as a key that orders sentences.
std::tuple<std::string_view, std::size_t, std::size_t> sentence_key(const Claim& c) {
  return {c.doc, c.mention.sentence_start, c.mention.sentence_end};
}

// The eligible claims whose figure lies in its sentence, sentence by
// sentence. A stable sort keeps each sentence's claims in eligible order; a
// map of sentences would cost a node and a copied document id per claim.
std::vector<std::size_t> claims_by_sentence(const std::vector<Claim>& claims,
                                            const std::vector<std::size_t>& eligible) {
  std::vector<std::size_t> out;
  for (std::size_t p : eligible)
    if (figure_in_sentence(claims, p)) out.push_back(p);
  auto before = [&](std::size_t a, std::size_t b) { return sentence_key(claims[a]) < sentence_key(claims[b]); };
  if (!std::is_sorted(out.begin(), out.end(), before)) std::stable_sort(out.begin(), out.end(), before);
  return out;
}

// The issues of one sentence; `figs` are its figures in eligible order.
void check_sentence(const std::vector<Claim>& claims, std::vector<Figure>& figs, const Synonyms& syn,
                    const Config& config, std::vector<ArithmeticIssue>& issues) {
  if (figs.size() < 2) return;  // a total and a part, at least
  std::sort(figs.begin(), figs.end(), [](const Figure& a, const Figure& b) { return a.start < b.start; });
  const Claim& first = claims[figs.front().pos];
  const std::string text = lower(first.sentence);
  // Figures must lie in this text, in order and apart (the gaps between
  // neighbours are read below): one that overlaps the previous is dropped.
  std::size_t kept = 0;
  for (std::size_t k = 0; k < figs.size(); ++k) {
    if (figs[k].end > text.size() || (kept > 0 && figs[k].start < figs[kept - 1].end)) continue;
    figs[kept++] = figs[k];
  }
  figs.resize(kept);
  if (figs.empty()) return;
  const Tolerances& tol = tolerances_for(config, first.doc);
  std::vector<bool> in_share(figs.size(), false);  // A or N of "A of the N"

  // "A of the N": A is a part of N; a percentage may follow ("..., or 40%").
  for (std::size_t i = 0; i + 1 < figs.size(); ++i) {
    const Figure& a = figs[i];
    const Figure& n = figs[i + 1];
    if (!exact_count(*a.m) || !exact_count(*n.m)) continue;
    std::string_view gap = trim(slice(text, a.end, n.start));
    if (gap != "of the" && gap != "out of the" && gap != "out of" && gap != "of" && gap != "of all")
      continue;
    in_share[i] = in_share[i + 1] = true;
    double part = *a.m->value, whole = *n.m->value;
    if (part > whole * (1 + tol.arithmetic)) {
      ArithmeticIssue is;
      is.kind = ArithmeticKind::parts_exceed_total;
      is.total = n.pos;
      is.parts = {a.pos};
      is.stated = whole;
      is.computed = part;
      is.ratio = gap_ratio(whole, part);
      is.message = fmt::format("{} of {} is more than the whole", figure_text(*a.m), figure_text(*n.m));
      is.tolerance = fmt::format("parts may exceed their total by {}", percent_text(tol.arithmetic));
      issues.push_back(std::move(is));
      continue;
    }
    if (i + 2 >= figs.size() || !is_percent(*figs[i + 2].m)) continue;
    const Figure& q = figs[i + 2];
    std::string_view between = slice(text, n.end, q.start);
    std::string_view tail = trim(between);
    bool restates = ends_with(tail, ", or") || ends_with(tail, "(") || ends_with(tail, ", i.e.") ||
                    ends_with(tail, "—") || ends_with(tail, "–") || ends_with(tail, ", that is");
    if (!restates) continue;
    std::size_t cut = tail.rfind(',');
    if (cut == std::string_view::npos) cut = tail.rfind('(');
    std::string_view phrase = cut == std::string_view::npos ? tail : tail.substr(0, cut);
    if (!only_letters_and_spaces(phrase) || words(phrase).size() > 5) continue;

    double ra = rounding_of(*a.m, tol), rn = rounding_of(*n.m, tol);
    double lo_pct = 100 * part * (1 - ra) / (whole * (1 + rn));
    double hi_pct = 100 * part * (1 + ra) / (whole * (1 - rn));
    double q_val = *q.m->value;
    double q_lo = q_val, q_hi = q_val;
    std::string q_tol;
    if (q.m->qualifier == Qualifier::exact) {
      double h = percent_half_unit(q.m->text);
      q_lo -= h;
      q_hi += h;
      q_tol = fmt::format("{} covers {}-{}", figure_text(*q.m), format_figure(q_lo), format_figure(q_hi));
    } else if (q.m->qualifier == Qualifier::approximate) {
      q_lo -= tol.approximate * std::fabs(q_val);
      q_hi += tol.approximate * std::fabs(q_val);
      q_tol = fmt::format("approximate ±{}", percent_text(tol.approximate));
    } else {
      q_lo -= tol.nearly * std::fabs(q_val);
      q_tol = fmt::format("nearly −{}/+0", percent_text(tol.nearly));
    }
    double ratio = 1;
    if (hi_pct < q_lo) ratio = gap_ratio(hi_pct, q_lo);
    else if (q_hi < lo_pct) ratio = gap_ratio(q_hi, lo_pct);
    if (ratio <= 1) continue;
    ArithmeticIssue is;
    is.kind = ArithmeticKind::percent_mismatch;
    is.total = n.pos;
    is.parts = {a.pos};
    is.percent = q.pos;
    is.stated = q_val;
    is.computed = 100 * part / whole;
    is.ratio = ratio;
    is.message = fmt::format("{} of {} is {}%, not {}", figure_text(*a.m), figure_text(*n.m),
                             format_figure(std::round(is.computed * 10) / 10), figure_text(*q.m));
    is.tolerance = fmt::format("counts rounded ±{} and ±{} give {}-{}%; {}", percent_text(ra), percent_text(rn),
                               format_figure(lo_pct), format_figure(hi_pct), q_tol);
    issues.push_back(std::move(is));
  }

  // "Of the N ..., A ... and B ..." and "N ..., of whom A ... and B ...".
  for (std::size_t t = 0; t < figs.size(); ++t) {
    const Figure& total = figs[t];
    if (!exact_count(*total.m) || in_share[t]) continue;
    std::string_view before = trim(slice(text, 0, total.start));
    std::string_view after = slice(text, total.end, text.size());
    bool of_the = ends_with_of_the(before) && total_phrase_closes(after);
    if (of_the) {
      // Only at the start of the sentence or of a clause: "Of the 1,200 prisoners, ..."
      std::string_view lead = before;
      for (std::string_view tail : {"out of the", "out of", "of all the", "of all", "of the"})
        if (ends_with(lead, tail)) {
          lead = trim(lead.substr(0, lead.size() - tail.size()));
          break;
        }
      of_the = lead.empty() || lead.back() == ',' || lead.back() == ';' || lead.back() == ':';
    }
    if (!of_the && !introduces_parts(after)) continue;
    std::string total_class = total.m->noun.empty() ? "" : syn.class_of(total.m->noun);
    std::vector<std::size_t> parts;
    double sum = 0;
    for (std::size_t k = t + 1; k < figs.size(); ++k) {
      const Mention& pm = *figs[k].m;
      if (!exact_count(pm)) continue;
      if (in_share[k]) continue;  // "A of the B" inside the list is its own statement
      if (!pm.noun.empty() && syn.class_of(pm.noun) != total_class) continue;
      parts.push_back(k);
      sum += *pm.value;
    }
    if (parts.empty()) continue;
    double whole = *total.m->value;
    if (sum <= whole * (1 + tol.arithmetic)) continue;
    ArithmeticIssue is;
    is.kind = ArithmeticKind::parts_exceed_total;
    is.total = total.pos;
    std::string terms;
    for (std::size_t k : parts) {
      is.parts.push_back(figs[k].pos);
      if (!terms.empty()) terms += " + ";
      terms += figure_text(*figs[k].m);
    }
    is.stated = whole;
    is.computed = sum;
    is.ratio = gap_ratio(whole, sum);
    is.message = parts.size() == 1
                     ? fmt::format("part {} is more than the stated total of {}", terms, figure_text(*total.m))
                     : fmt::format("parts add up to {} ({}), more than the stated total of {}",
                                   format_figure(sum), terms, figure_text(*total.m));
    is.tolerance = fmt::format("parts may exceed their total by {}", percent_text(tol.arithmetic));
    issues.push_back(std::move(is));
  }
}

}  // namespace

std::vector<ArithmeticIssue> check_arithmetic(const std::vector<Claim>& claims,
                                              const std::vector<std::size_t>& eligible, const Config& config) {
  std::vector<ArithmeticIssue> issues;
  Synonyms syn(config);
  const std::vector<std::size_t> in_order = claims_by_sentence(claims, eligible);
  std::vector<Figure> figs;
  for (std::size_t i = 0; i < in_order.size();) {
    const auto key = sentence_key(claims[in_order[i]]);
    figs.clear();
    for (; i < in_order.size() && sentence_key(claims[in_order[i]]) == key; ++i)
      figs.push_back(*figure_in_sentence(claims, in_order[i]));
    check_sentence(claims, figs, syn, config, issues);
  }
  return issues;
}

}  // namespace tally::detail
