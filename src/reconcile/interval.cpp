// Widening claims into comparison intervals (see interval.hpp and the
// tolerance table in RECONCILE.md). Precision is read from the figure as the
// author wrote it, because the base-unit value has lost that information:
// 11.8 miles is 18,990.3 m, whose last digit says nothing about how
// precisely "11.8" was meant.
#include "reconcile/interval.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace tally::detail {

double relative_half_unit(std::string_view digits) {
  // Position (power of ten) of the last non-zero digit, and the value.
  double value = 0;
  int last_nonzero = 0;
  bool any_nonzero = false;
  int exponent = 0;
  std::size_t i = 0;
  std::string mantissa;
  int int_digits = 0;
  bool seen_point = false;
  for (; i < digits.size(); ++i) {
    char c = digits[i];
    if (c >= '0' && c <= '9') {
      mantissa.push_back(c);
      if (!seen_point) ++int_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else if (c == ',' || c == '_' || c == '\'') {
      continue;  // digit group separators
    } else {
      break;
    }
  }
  if (i < digits.size() && (digits[i] == 'e' || digits[i] == 'E')) {
    std::string_view exp = digits.substr(i + 1);
    if (!exp.empty() && exp.front() == '+') exp.remove_prefix(1);
    if (std::from_chars(exp.data(), exp.data() + exp.size(), exponent).ec != std::errc{})
      exponent = 0;
  }
  for (std::size_t k = 0; k < mantissa.size(); ++k) {
    int d = mantissa[k] - '0';
    int power = int_digits - 1 - static_cast<int>(k) + exponent;
    value += d * std::pow(10.0, power);
    if (d != 0) {
      last_nonzero = power;
      any_nonzero = true;
    }
  }
  if (!any_nonzero || value == 0) return 0;
  return 0.5 * std::pow(10.0, last_nonzero) / value;
}

double relative_precision(std::string_view text, double stated_value) {
  std::size_t first = text.find_first_of("0123456789");
  if (first != std::string_view::npos) {
    // A leading "." belongs to the figure (".08").
    if (first > 0 && text[first - 1] == '.') --first;
    std::size_t end = first;
    while (end < text.size() &&
           ((text[end] >= '0' && text[end] <= '9') || text[end] == ',' || text[end] == '.'))
      ++end;
    std::string_view run = text.substr(first, end - first);
    while (!run.empty() && (run.back() == ',' || run.back() == '.')) run.remove_suffix(1);
    double r = relative_half_unit(run);
    if (r > 0) return r;
  }
  if (stated_value == 0 || !std::isfinite(stated_value)) return 0;
  return relative_half_unit(fmt::format("{:.10g}", std::fabs(stated_value)));
}

std::string format_figure(double v) {
  if (!std::isfinite(v)) return fmt::format("{}", v);
  if (std::fabs(v) >= 1e15) return fmt::format("{:.3g}", v);
  std::string s = fmt::format("{:.3f}", std::fabs(v));
  auto point = s.find('.');
  std::string frac = s.substr(point + 1);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  std::string digits = s.substr(0, point);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  std::string out = (v < 0 && (grouped != "0" || !frac.empty())) ? "-" : "";
  out += grouped;
  if (!frac.empty()) out += "." + frac;
  return out;
}

std::string percent_text(double fraction) {
  double p = fraction * 100;
  if (p == 0) return "0%";
  if (p >= 10) return fmt::format("{:.0f}%", p);
  if (p >= 1) return fmt::format("{:.1f}%", p);
  if (p >= 0.1) return fmt::format("{:.2f}%", p);
  return fmt::format("{:.2g}%", p);
}

namespace {

double down(double v, double f) { return v - f * std::fabs(v); }
double up(double v, double f) { return v + f * std::fabs(v); }

// Widens `m`; describes how in Widened::tolerance only when `describe`.
Widened widen(const Mention& m, const Tolerances& t, double scale, bool describe) {
  // The base interval: norm when the extractor filled it, else the stated one
  // (claims read back from records may carry no norm).
  std::optional<double> lo = m.norm.low;
  std::optional<double> hi = m.norm.high;
  std::optional<double> pt = m.norm_value;
  if (!lo && !hi && !pt) {
    lo = m.stated.low;
    hi = m.stated.high;
    pt = m.value;
  }
  if (!pt) {
    if (lo && hi) pt = (*lo + *hi) / 2;
    else pt = lo ? lo : hi;
  }
  if (!pt) pt = 0.0;
  // Fill a missing end from the point where the qualifier says it is closed.
  bool open_high = m.qualifier == Qualifier::at_least || m.qualifier == Qualifier::more_than;
  bool open_low = m.qualifier == Qualifier::at_most || m.qualifier == Qualifier::less_than;
  if (!lo && !open_low && m.qualifier != Qualifier::vague) lo = pt;
  if (!hi && !open_high && m.qualifier != Qualifier::vague) hi = pt;
  if (open_high) {
    if (!lo) lo = pt;
    hi.reset();
  }
  if (open_low) {
    if (!hi) hi = pt;
    lo.reset();
  }

  // Precision of the figure as written, in the stated unit, is scale-free.
  double stated_point = m.value ? *m.value : *pt;
  double raw_precision = relative_precision(m.text, stated_point);
  double precision = std::min(raw_precision, t.exact_max);
  bool capped = raw_precision >= t.exact_max;

  Widened w;
  w.point = *pt * scale;
  if (lo) lo = *lo * scale;
  if (hi) hi = *hi * scale;

  std::string prec_text;
  if (describe)
    prec_text = capped ? fmt::format("±{} (precision capped at exact_max)", percent_text(t.exact_max))
                       : fmt::format("±{} (half a unit of the last non-zero digit)", percent_text(precision));
  switch (m.qualifier) {
    case Qualifier::exact: {
      w.low = down(*lo, precision);
      w.high = up(*hi, precision);
      if (describe) w.tolerance = "exact " + prec_text;
      break;
    }
    case Qualifier::approximate: {
      double f = std::max(t.approximate, precision);
      w.low = down(*lo, f);
      w.high = up(*hi, f);
      if (describe) w.tolerance = fmt::format("approximate ±{}", percent_text(f));
      break;
    }
    case Qualifier::nearly: {
      w.low = down(*lo, t.nearly);
      w.high = *hi;
      if (describe) w.tolerance = fmt::format("nearly −{}/+0", percent_text(t.nearly));
      break;
    }
    case Qualifier::at_least:
    case Qualifier::more_than: {
      w.low = down(*lo, precision);
      if (describe) w.tolerance = fmt::format("{}: open above, bound {}", to_string(m.qualifier), prec_text);
      break;
    }
    case Qualifier::at_most:
    case Qualifier::less_than: {
      w.high = up(*hi, precision);
      if (describe) w.tolerance = fmt::format("{}: open below, bound {}", to_string(m.qualifier), prec_text);
      break;
    }
    case Qualifier::range: {
      double pl = std::min(relative_precision("", m.stated.low.value_or(*lo)), t.exact_max);
      double ph = std::min(relative_precision("", m.stated.high.value_or(*hi)), t.exact_max);
      w.low = down(*lo, pl);
      w.high = up(*hi, ph);
      if (describe)
        w.tolerance = fmt::format("range, ends widened by their precision (−{}, +{})", percent_text(pl),
                                  percent_text(ph));
      break;
    }
    case Qualifier::vague: {
      if (lo) w.low = down(*lo, t.vague);
      if (hi) w.high = up(*hi, t.vague);
      if (describe) w.tolerance = fmt::format("vague: its documented interval ±{}", percent_text(t.vague));
      break;
    }
  }
  if (w.low && w.high && *w.low > *w.high) std::swap(w.low, w.high);
  return w;
}

}  // namespace

Widened widen(const Mention& m, const Tolerances& t, double scale) { return widen(m, t, scale, true); }

Bounds widen_bounds(const Mention& m, const Tolerances& t, double scale) {
  Widened w = widen(m, t, scale, false);
  return {w.low.value_or(-HUGE_VAL), w.high.value_or(HUGE_VAL), w.point};
}

ComparisonUnit comparison_unit(const Mention& m, const Config& config) {
  bool has_norm = m.norm_value || m.norm.low || m.norm.high;
  ComparisonUnit cu{(has_norm ? m.norm_unit : m.unit).str(), 1.0};
  if (config.currency_rates.empty()) return cu;
  std::size_t slash = cu.unit.find('/');
  std::string head = cu.unit.substr(0, slash);
  std::string rest = slash == std::string::npos ? std::string() : cu.unit.substr(slash);
  if (head == "USD") return cu;
  auto it = config.currency_rates.find(head);
  if (it == config.currency_rates.end()) return cu;
  return {"USD" + rest, it->second};
}

bool overlaps(const Widened& a, const Widened& b) {
  if (a.high && b.low && *a.high < *b.low) return false;
  if (b.high && a.low && *b.high < *a.low) return false;
  return true;
}

double gap_ratio(double lower_high, double upper_low) {
  if (!(lower_high < upper_low)) return 1.0;
  if (lower_high > 0) return upper_low / lower_high;
  if (upper_low < 0) return lower_high / upper_low;  // both negative: ratio of magnitudes
  double scale = std::max(std::fabs(lower_high), std::fabs(upper_low));
  return 1.0 + (upper_low - lower_high) / scale;
}

double distance(const Widened& a, const Widened& b) {
  if (a.high && b.low && *a.high < *b.low) return gap_ratio(*a.high, *b.low);
  if (b.high && a.low && *b.high < *a.low) return gap_ratio(*b.high, *a.low);
  return 1.0;
}

}  // namespace tally::detail
