#include "RuleEngine.hpp"

#include <algorithm>
#include <stdexcept>

namespace yanzhen::rules {

const char* nodeKindName(NodeKind kind) {
    switch (kind) {
    case NodeKind::All: return "all";
    case NodeKind::Any: return "any";
    case NodeKind::AtLeast: return "at_least";
    case NodeKind::Ref: return "ref";
    case NodeKind::Leaf: return "leaf";
    }
    return "unknown";
}

const char* statusName(Status status) {
    switch (status) {
    case Status::Met: return "met";
    case Status::InProgress: return "in_progress";
    case Status::Unmet: return "unmet";
    case Status::Waived: return "waived";
    }
    return "unknown";
}

namespace {

constexpr int kMaxDepth = 64; // refs are checked for cycles at load; this only guards the stack

Status progressStatus(bool met, bool closed, double fraction) {
    if (met) return Status::Met;
    return fraction > 0 && !closed ? Status::InProgress : Status::Unmet;
}

/// The indices of `children`, closest to finished first (met first, then by fraction; ties keep
/// the written order, so the result is deterministic).
std::vector<std::size_t> closestFirst(const std::vector<Outcome>& children) {
    std::vector<std::size_t> order(children.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const double fa = children[a].satisfied() ? 2 : children[a].fraction;
        const double fb = children[b].satisfied() ? 2 : children[b].fraction;
        return fa > fb;
    });
    return order;
}

std::string labelOf(const Outcome& o, bool zh) {
    const std::string& text = zh ? o.label.zh : o.label.en;
    if (!text.empty()) return text;
    return o.id.empty() ? std::string(nodeKindName(o.kind)) : o.id;
}

} // namespace

Outcome RuleEngine::evaluate(const std::string& name, std::span<const LeafResult> leaves,
                             const std::set<std::string>& waived, Words words,
                             const std::vector<bool>& closed) const {
    const auto it = sets_.find(name);
    if (it == sets_.end()) throw std::out_of_range("no requirement set '" + name + "'");
    Outcome o = evaluateNode(it->second.root, leaves, closed, waived, 0, words);
    if (o.id.empty()) o.id = name;
    if (words == Words::Full && o.label.zh.empty() && o.label.en.empty())
        o.label = it->second.label;
    return o;
}

Outcome RuleEngine::evaluateNode(const Node& node, std::span<const LeafResult> leaves,
                                 const std::vector<bool>& closed,
                                 const std::set<std::string>& waived, int depth,
                                 Words words) const {
    if (depth > kMaxDepth)
        throw std::runtime_error("requirement tree nested deeper than 64 (a ref cycle?)");
    const bool described = words == Words::Full;
    Outcome o;
    o.kind = node.kind;
    if (described) {
        o.id = node.id;
        o.label = node.label;
    }

    switch (node.kind) {
    case NodeKind::Leaf: {
        const LeafResult& r = leaves[node.leaf.index];
        o.fraction = leafFraction(r);
        o.closed = !r.met && node.leaf.index < closed.size() && closed[node.leaf.index];
        o.status = progressStatus(r.met, o.closed, o.fraction);
        o.have = r.have;
        o.need = r.need;
        o.holdsUntil = r.holdsUntil;
        if (described) {
            o.unit = r.unit;
            o.sentence = r.sentence;
            o.leafType = node.leaf.type;
            o.module = node.leaf.moduleId;
        }
        break;
    }
    case NodeKind::Ref: {
        const auto it = sets_.find(node.ref);
        if (it == sets_.end()) throw std::out_of_range("no requirement set '" + node.ref + "'");
        Outcome inner = evaluateNode(it->second.root, leaves, closed, waived, depth + 1, words);
        o.status = inner.status;
        o.closed = inner.closed;
        o.fraction = inner.fraction;
        o.have = inner.have;
        o.need = inner.need;
        o.holdsUntil = inner.holdsUntil;
        if (described) {
            if (inner.id.empty()) inner.id = node.ref;
            if (inner.label.zh.empty() && inner.label.en.empty()) inner.label = it->second.label;
            o.sentence = inner.sentence;
            if (o.label.zh.empty() && o.label.en.empty()) o.label = inner.label;
        }
        o.children.push_back(std::move(inner));
        break;
    }
    case NodeKind::All:
    case NodeKind::Any:
    case NodeKind::AtLeast: {
        for (const auto& child : node.children)
            o.children.push_back(evaluateNode(child, leaves, closed, waived, depth + 1, words));
        const auto order = closestFirst(o.children);
        std::size_t metCount = 0;
        std::size_t stillPossible = 0; // met, or not closed
        for (const auto& c : o.children) {
            metCount += c.satisfied() ? 1 : 0;
            stillPossible += c.satisfied() || !c.closed ? 1 : 0;
            o.holdsUntil = std::min(o.holdsUntil, c.holdsUntil);
        }
        const std::size_t total = o.children.size();
        const std::size_t need = node.kind == NodeKind::All   ? total
                                 : node.kind == NodeKind::Any ? 1
                                                              : node.atLeast;
        // Progress: the mean over the `need` children closest to done.
        double sum = 0;
        for (std::size_t i = 0; i < need && i < order.size(); ++i)
            sum += o.children[order[i]].satisfied() ? 1.0 : o.children[order[i]].fraction;
        const bool met = metCount >= need;
        o.fraction = need == 0 ? 1 : (met ? 1.0 : std::min(sum / static_cast<double>(need), 0.999));
        o.closed = !met && stillPossible < need;
        o.status = progressStatus(met, o.closed, o.fraction);
        o.have = static_cast<double>(std::min(metCount, need));
        o.need = static_cast<double>(need);
        if (!met && node.kind != NodeKind::All) {
            for (std::size_t i = 0; i < need && i < order.size(); ++i)
                if (!o.children[order[i]].satisfied()) o.children[order[i]].closest = true;
        }
        if (!described) break;
        const std::string done =
            std::to_string(std::min(metCount, need)) + "/" + std::to_string(need);
        if (node.kind == NodeKind::All) {
            o.sentence = Text{"已完成 " + done + " 项", done + " done"};
        } else if (node.kind == NodeKind::Any) {
            const Outcome& best = o.children[order.front()];
            o.sentence = met ? Text{"已满足其一：" + labelOf(best, true),
                                    "met through " + labelOf(best, false)}
                             : Text{"任选其一，最接近：" + labelOf(best, true),
                                    "any one of " + std::to_string(total) +
                                        "; closest: " + labelOf(best, false)};
        } else {
            o.sentence = Text{"至少 " + std::to_string(need) + " 项（共 " + std::to_string(total) +
                                  " 项），已完成 " + std::to_string(metCount) + " 项",
                              "at least " + std::to_string(need) + " of " + std::to_string(total) +
                                  "; " + std::to_string(metCount) + " done"};
        }
        break;
    }
    }

    // Waivers last, so the tree still shows what the worker did on their own.
    if (!o.satisfied() && !node.id.empty() && waived.count(node.id) > 0) {
        o.status = Status::Waived;
        o.closed = false;
        o.fraction = 1;
        if (described)
            o.sentence = Text{"已豁免（" + o.sentence.zh + "）", "waived (" + o.sentence.en + ")"};
    } else if (!o.satisfied() && node.waivedBy) {
        Outcome by = evaluateNode(*node.waivedBy, leaves, closed, waived, depth + 1, words);
        o.holdsUntil = std::min(o.holdsUntil, by.holdsUntil); // met through it: until it changes
        if (by.satisfied()) {
            o.status = Status::Waived;
            o.closed = false;
            o.fraction = 1;
            if (described)
                o.sentence =
                    Text{"以“" + labelOf(by, true) + "”代替：" + by.sentence.zh,
                         "satisfied by equivalence, " + labelOf(by, false) + ": " + by.sentence.en};
        }
    }
    return o;
}

namespace {

void collectLeft(const Outcome& o, std::vector<LeftItem>& out) {
    if (o.satisfied()) return;
    switch (o.kind) {
    case NodeKind::Leaf:
        out.push_back(LeftItem{o.id, o.module, o.label, o.sentence, o.have, o.need, o.unit});
        return;
    case NodeKind::All:
    case NodeKind::Ref:
        for (const auto& c : o.children)
            collectLeft(c, out);
        return;
    case NodeKind::Any:
    case NodeKind::AtLeast:
        for (const auto& c : o.children)
            if (c.closest) collectLeft(c, out);
        return;
    }
}

} // namespace

std::vector<LeftItem> RuleEngine::whatsLeft(const Outcome& outcome) {
    std::vector<LeftItem> out;
    collectLeft(outcome, out);
    return out;
}

double leafFraction(const LeafResult& r) {
    if (r.met) return 1;
    if (r.need <= 0) return 0;
    return std::clamp(r.have / r.need, 0.0, 0.999);
}

} // namespace yanzhen::rules
