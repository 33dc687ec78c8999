// Names of qualifiers and modalities as they appear in records and configs.
#include <tally/quantity.hpp>

#include <array>
#include <utility>

namespace tally {
namespace {

constexpr std::array<std::pair<Qualifier, std::string_view>, 9> k_qualifiers{{
    {Qualifier::exact, "exact"},
    {Qualifier::approximate, "approximate"},
    {Qualifier::nearly, "nearly"},
    {Qualifier::at_least, "at_least"},
    {Qualifier::more_than, "more_than"},
    {Qualifier::at_most, "at_most"},
    {Qualifier::less_than, "less_than"},
    {Qualifier::range, "range"},
    {Qualifier::vague, "vague"},
}};

constexpr std::array<std::pair<Modality, std::string_view>, 7> k_modalities{{
    {Modality::asserted, "asserted"},
    {Modality::planned, "planned"},
    {Modality::forecast, "forecast"},
    {Modality::possible, "possible"},
    {Modality::negated, "negated"},
    {Modality::question, "question"},
    {Modality::hypothetical, "hypothetical"},
}};

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [k, v] : table)
    if (k == e) return v;
  return "?";
}

template <class E, std::size_t N>
std::optional<E> parse_name(const std::array<std::pair<E, std::string_view>, N>& table,
                            std::string_view s) {
  for (const auto& [k, v] : table)
    if (v == s) return k;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Qualifier q) { return name_of(k_qualifiers, q); }
std::string_view to_string(Modality m) { return name_of(k_modalities, m); }
std::optional<Qualifier> parse_qualifier(std::string_view s) { return parse_name(k_qualifiers, s); }
std::optional<Modality> parse_modality(std::string_view s) { return parse_name(k_modalities, s); }

}  // namespace tally
