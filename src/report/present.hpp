// How the check reporters present figures, intervals, sentences and counts.
//
// Every format (text, json, sarif, github, html, diff) says the same things
// about a claim: "3,000" rather than "3000.000000", an open interval as
// "≥ 3,000", the sentence split around the figure so each format can mark it
// its own way. Keeping these here means a terminal, a CI log and the HTML
// report never disagree about what a claim said.
//
//   SentenceParts p = split_sentence(claim);   // {"Officials said ", "about 1,500", " troops..."}
//   format_number(2.5e9)                        // "2,500,000,000"
//   format_interval(2550, 3450, "")             // "2,550–3,450"
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <tally/claim.hpp>
#include <tally/config.hpp>
#include <tally/reconcile.hpp>
#include <tally/report.hpp>

namespace tally::detail {

// --- The writers behind write_check (one per format, each in its own file) ---

void write_check_text(std::ostream& out, const CheckRun& run, const ReportOptions& options);
void write_check_json(std::ostream& out, const CheckRun& run, bool one_finding_per_line,
                      const ReportOptions& options);
void write_check_sarif(std::ostream& out, const CheckRun& run);
void write_check_github(std::ostream& out, const CheckRun& run);
void write_check_html(std::ostream& out, const CheckRun& run, const ReportOptions& options);

// --- Numbers ---

// "3,000", "2,500,000,000", "33.33", "0.5"; very large or tiny magnitudes in
// scientific notation, because twenty digits help nobody.
inline std::string format_number(double v) {
  if (std::isnan(v)) return "?";
  if (std::isinf(v)) return v > 0 ? "∞" : "-∞";
  const double a = std::fabs(v);
  if (a != 0 && (a >= 1e15 || a < 1e-4)) return fmt::format("{:.4g}", v);
  const int magnitude = a == 0 ? 0 : static_cast<int>(std::floor(std::log10(a)));
  const int decimals = std::clamp(4 - magnitude, 0, 6);
  std::string s = fmt::format("{:.{}f}", a, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  const std::size_t dot = std::min(s.find('.'), s.size());
  std::string grouped;
  for (std::size_t i = 0; i < dot; ++i) {
    if (i > 0 && (dot - i) % 3 == 0) grouped += ',';
    grouped += s[i];
  }
  grouped.append(s, dot, std::string::npos);
  if (v < 0 && grouped != "0") grouped.insert(grouped.begin(), '-');
  return grouped;
}

// Axis labels: "1.5k", "2.5M", "3B"; short enough for a tick.
inline std::string format_compact(double v) {
  const double a = std::fabs(v);
  struct Scale {
    double factor;
    const char* suffix;
  };
  for (Scale s : {Scale{1e12, "T"}, Scale{1e9, "B"}, Scale{1e6, "M"}, Scale{1e3, "k"}}) {
    if (a >= s.factor) {
      std::string n = fmt::format("{:.3g}", v / s.factor);
      return n + s.suffix;
    }
  }
  if (a != 0 && a < 0.01) return fmt::format("{:.2g}", v);
  return fmt::format("{:.3g}", v);
}

// "3,000", "3,000 USD", "12%": a unit written the way people read it.
inline std::string with_unit(const std::string& number, std::string_view unit) {
  if (unit.empty()) return number;
  if (unit == "%") return number + "%";
  return fmt::format("{} {}", number, unit);
}

inline bool nearly_equal(double a, double b) {
  return a == b || std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

// An interval with possibly open ends: "3,000", "2,550–3,450", "≥ 3,000", "≤ 10 km".
inline std::string format_interval(std::optional<double> low, std::optional<double> high,
                                   std::string_view unit) {
  if (low && high) {
    if (nearly_equal(*low, *high)) return with_unit(format_number(*low), unit);
    return with_unit(fmt::format("{}–{}", format_number(*low), format_number(*high)), unit);
  }
  if (low) return "≥ " + with_unit(format_number(*low), unit);
  if (high) return "≤ " + with_unit(format_number(*high), unit);
  return "any value";
}

// The normalised figure: its point, and its interval when that says more.
// "3,000"; "50,000 (20,000–90,000)"; "≥ 3,000".
inline std::string format_norm(const Mention& m) {
  const Interval& iv = m.norm;
  const bool point_interval = iv.low && iv.high && nearly_equal(*iv.low, *iv.high);
  if (m.norm_value && (point_interval || (!iv.low && !iv.high)))
    return with_unit(format_number(*m.norm_value), m.norm_unit);
  if (m.norm_value && iv.low && iv.high)
    return fmt::format("{} ({})", with_unit(format_number(*m.norm_value), m.norm_unit),
                       format_interval(iv.low, iv.high, ""));
  return format_interval(iv.low, iv.high, m.norm_unit);
}

// The base unit of a finding's claims (their `norm` unit).
inline std::string base_unit(const Finding& f, const std::vector<Claim>& claims) {
  for (std::size_t i : f.claims)
    if (i < claims.size()) return claims[i].mention.norm_unit.str();
  return "";
}

// The unit the claims were compared in: the explanation's when it gives one
// (currencies converted to USD by the config's rates), else the base unit.
inline std::string comparison_unit(const Finding& f, const std::vector<Claim>& claims) {
  for (const ClaimExplanation& e : f.explanation.intervals)
    if (!e.unit.empty()) return e.unit;
  return base_unit(f, claims);
}

// The consensus in `unit`, for drawing it beside the claims' intervals and
// judging which claims agree with it. The reconciler states it in the
// claims' shared stated unit when they have one ("19 km" claims give km
// while `norm` is in metres); the factor then comes from a claim stated in
// that unit. Nullopt when there is no consensus or no way to convert it.
inline std::optional<Consensus> consensus_in(const Finding& f, const std::vector<Claim>& claims,
                                             const std::string& unit) {
  if (!f.consensus) return std::nullopt;
  if (f.consensus->unit == unit) return f.consensus;
  for (std::size_t i : f.claims) {
    if (i >= claims.size()) continue;
    const Mention& m = claims[i].mention;
    if (m.unit != f.consensus->unit || m.norm_unit != unit || !m.value || !m.norm_value || *m.value == 0)
      continue;
    const double factor = *m.norm_value / *m.value;
    Consensus c = *f.consensus;
    c.value *= factor;
    c.low *= factor;
    c.high *= factor;
    c.unit = unit;
    return c;
  }
  return std::nullopt;
}

// "3,000 (2,550–3,450), 3 sources agree", in the consensus's own unit.
inline std::string format_consensus(const Consensus& c) {
  std::string s = with_unit(format_number(c.value), c.unit);
  if (!nearly_equal(c.low, c.high) || !nearly_equal(c.low, c.value))
    s += fmt::format(" ({})", format_interval(c.low, c.high, ""));
  s += fmt::format(", {} {} agree{}", c.support, c.support == 1 ? "source" : "sources",
                   c.support == 1 ? "s" : "");
  return s;
}

// --- Claims ---

// The widened interval reconciliation compared, if the finding explains it.
inline const ClaimExplanation* explanation_for(const Finding& f, std::size_t claim) {
  for (const ClaimExplanation& e : f.explanation.intervals)
    if (e.claim == claim) return &e;
  return nullptr;
}

// An explained interval with its infinite (open) ends as absent ones.
inline Interval explained_interval(const ClaimExplanation& e) {
  Interval iv;
  if (std::isfinite(e.low)) iv.low = e.low;
  if (std::isfinite(e.high)) iv.high = e.high;
  return iv;
}

// The interval a claim occupies in the comparison unit, for drawing and for
// "agrees with the consensus": widened when the finding says how, else as
// normalised.
inline Interval compared_interval(const Finding& f, std::size_t index, const Claim& c) {
  if (const ClaimExplanation* e = explanation_for(f, index)) return explained_interval(*e);
  Interval iv = c.mention.norm;
  if (!iv.low && !iv.high && c.mention.norm_value) iv = {c.mention.norm_value, c.mention.norm_value};
  return iv;
}

// The stated point of a claim in `unit`, when its normalised value is in it.
inline std::optional<double> point_in(const Claim& c, const std::string& unit) {
  if (c.mention.norm_unit != unit) return std::nullopt;
  return c.mention.norm_value;
}

inline bool overlaps(const Interval& iv, double low, double high) {
  const bool below = iv.high && *iv.high < low && !nearly_equal(*iv.high, low);
  const bool above = iv.low && *iv.low > high && !nearly_equal(*iv.low, high);
  return !below && !above;
}

// "news/kyiv.txt:6:38"
inline std::string claim_location(const Claim& c) {
  if (c.mention.line == 0) return c.doc.str();
  return fmt::format("{}:{}:{}", c.doc, c.mention.line, c.mention.col);
}

struct SentenceParts {
  std::string before;
  std::string figure;
  std::string after;
};

// The sentence split around the figure. The figure's offsets point into the
// document; the sentence is the document's bytes from sentence_start, so the
// figure is found by offset when the two agree, else by its text, else the
// figure stands alone.
inline SentenceParts split_sentence(const Claim& c) {
  const Mention& m = c.mention;
  const std::string& s = c.sentence;
  if (!s.empty() && m.start >= m.sentence_start && m.end >= m.start &&
      m.end - m.sentence_start <= s.size()) {
    const std::size_t a = m.start - m.sentence_start;
    const std::size_t b = m.end - m.sentence_start;
    if (m.text.empty() || s.compare(a, b - a, m.text) == 0)
      return {s.substr(0, a), s.substr(a, b - a), s.substr(b)};
  }
  if (!s.empty() && !m.text.empty()) {
    const std::size_t p = s.find(m.text);
    if (p != std::string::npos)
      return {s.substr(0, p), m.text.str(), s.substr(p + m.text.size())};
  }
  return {"", m.text.str(), ""};
}

// --- Text hygiene ---

inline bool is_utf8_continuation(char ch) {
  return (static_cast<unsigned char>(ch) & 0xC0) == 0x80;
}

inline std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s) n += !is_utf8_continuation(ch);
  return n;
}

// Runs of whitespace (a sentence may span lines) become one space, and
// control characters become U+FFFD: a corpus must not be able to move the
// cursor, clear the screen or forge a line in a terminal or a CI log.
inline std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto ch = static_cast<unsigned char>(s[i]);
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    const bool c1 = ch == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(s[i + 1]) <= 0x9F;
    if (ch < 0x20 || ch == 0x7F || c1) {
      out += "\xEF\xBF\xBD";
      i += c1 ? 1 : 0;
      continue;
    }
    out += s[i];
  }
  return out;
}

// Keeps at most `max_chars` code points of `s`, cutting at a space when one
// is near, from the start (keep_end = false) or from the end (keep_end = true).
inline std::string trim_chars(const std::string& s, std::size_t max_chars, bool keep_end) {
  if (count_code_points(s) <= max_chars) return s;
  std::size_t cut = 0;  // byte offset of the cut
  if (!keep_end) {
    std::size_t chars = 0;
    for (cut = 0; cut < s.size(); ++cut)
      if (!is_utf8_continuation(s[cut]) && chars++ == max_chars) break;
    const std::size_t space = s.rfind(' ', cut);
    if (space != std::string::npos && cut - space < 20) cut = space;
    return s.substr(0, cut) + "…";
  }
  std::size_t chars = 0;
  for (cut = s.size(); cut > 0; --cut)
    if (!is_utf8_continuation(s[cut - 1]) && ++chars == max_chars) break;
  const std::size_t space = s.find(' ', cut);
  if (space != std::string::npos && space - cut < 20) cut = space + 1;
  return "…" + s.substr(cut);
}

// The sentence cleaned and shortened to `context` characters on each side of
// the figure, so a 400-word paragraph does not drown the number.
inline SentenceParts sentence_excerpt(const Claim& c, std::size_t context) {
  SentenceParts p = split_sentence(c);
  // Cleaning each part alone would drop the spaces next to the figure.
  const bool space_before = !p.before.empty() && std::isspace(static_cast<unsigned char>(p.before.back()));
  const bool space_after = !p.after.empty() && std::isspace(static_cast<unsigned char>(p.after.front()));
  p.before = clean_text(p.before);
  p.figure = clean_text(p.figure);
  p.after = clean_text(p.after);
  if (space_before && !p.before.empty()) p.before += ' ';
  if (space_after && !p.after.empty()) p.after.insert(p.after.begin(), ' ');
  p.before = trim_chars(p.before, context, true);
  p.after = trim_chars(p.after, context, false);
  return p;
}

// "more_than" reads as "more than" in prose.
inline std::string as_words(std::string_view name) {
  std::string s(name);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

// --- Counts ---

struct SeverityCounts {
  std::size_t error = 0;
  std::size_t warning = 0;
  std::size_t note = 0;
  std::size_t total() const { return error + warning + note; }
};

inline SeverityCounts count_severities(const std::vector<Finding>& findings) {
  SeverityCounts n;
  for (const Finding& f : findings) {
    switch (f.severity) {
      case Severity::error: ++n.error; break;
      case Severity::warning: ++n.warning; break;
      case Severity::note: ++n.note; break;
    }
  }
  return n;
}

inline std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "3 findings: 1 error, 1 warning, 1 note in 4 documents, 17 claims"
inline std::string summary_line(const SeverityCounts& n, std::size_t documents, std::size_t claims) {
  return fmt::format("{}: {}, {}, {} in {}, {}", plural(n.total(), "finding", "findings"),
                     plural(n.error, "error", "errors"), plural(n.warning, "warning", "warnings"),
                     plural(n.note, "note", "notes"), plural(documents, "document", "documents"),
                     plural(claims, "claim", "claims"));
}

// The run's claims and findings, with null pointers read as empty.
struct RunData {
  const std::vector<Claim>& claims;
  const std::vector<Finding>& findings;
  std::size_t subjects;
};

inline RunData run_data(const CheckRun& run) {
  static const std::vector<Claim> no_claims;
  static const std::vector<Finding> no_findings;
  return {run.claims ? *run.claims : no_claims, run.result ? run.result->findings : no_findings,
          run.result ? run.result->subject_count : 0};
}

// A finding's claims that exist, in display order (a bad index is skipped, not a crash).
inline std::vector<std::size_t> finding_claims(const Finding& f, const std::vector<Claim>& claims) {
  std::vector<std::size_t> out;
  for (std::size_t i : f.claims)
    if (i < claims.size()) out.push_back(i);
  return out;
}

// --- HTML (html.cpp); the diff page shares the report's look ---

std::string html_escape(std::string_view s);
// <!DOCTYPE html> ... <body>: the page head with the report's CSS and a
// Content-Security-Policy that forbids every request and every script but ours.
void write_html_head(std::ostream& out, std::string_view title);
// The report's script (filters, sorting, keyboard) and </body></html>.
void write_html_tail(std::ostream& out);
// The sentence with the figure in a <mark>, escaped.
std::string html_sentence(const Claim& c, std::string_view mark_class);

}  // namespace tally::detail
