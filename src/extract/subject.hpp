// Internal: the subject and block of a figure — the keys `check` groups on.
#pragma once

#include <string>
#include <string_view>

#include <tally/extract.hpp>

#include "extract/context.hpp"

namespace tally::detail {

// Fills m.subject and m.block from its dimension, unit, noun and context.
// A figure whose counted thing is unknown gets a block of its own kind
// ("count:?") that the reconciler never compares across documents.
// What a figure is in a change: the old value ("rose from 45 to 78"), the
// amount ("rose $2 to $85", "grew by 5%"), or neither. Each keeps to a block
// of its own (suffix ":from", ":change"), never compared with the values.
enum class ChangeRole { none, old_value, amount };

void assign_subject(Mention& m, const NounInfo& noun, ChangeRole change);

// The base unit of a dimension ("length" -> "m").
std::string base_unit_of(std::string_view dimension, std::string_view unit);

}  // namespace tally::detail
