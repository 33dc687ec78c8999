// Internal: the subject and block of a figure — the keys `check` groups on.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "extract/context.hpp"

namespace tally::detail {

// (Not reconcile's `Subject`, a group of claims: one name in one namespace
// for two types would break the one-definition rule.)
struct SubjectKey {
  std::string subject;
  std::string block;
};

// What a figure is in a change: the old value ("rose from 45 to 78"), the
// amount ("rose $2 to $85", "grew by 5%"), or neither. Each keeps to a block
// of its own (suffix ":from", ":change"), never compared with the values.
enum class ChangeRole { none, old_value, amount };

// The subject and block of a figure from its dimension, unit, period, noun,
// context and entity (whose it is: find_entity). A figure whose counted thing
// is unknown gets a block of its own kind ("count:?") that the reconciler
// never compares across documents.
SubjectKey subject_of(std::string_view dimension, std::string_view unit, bool is_rate,
                   const std::optional<std::string>& period, const NounInfo& noun, std::string_view entity,
                   ChangeRole change);

// The base unit of a dimension ("length" -> "m").
std::string base_unit_of(std::string_view dimension, std::string_view unit);

}  // namespace tally::detail
