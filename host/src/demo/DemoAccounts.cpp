#include "demo/DemoAccounts.hpp"

#include <stdexcept>

namespace yanzhen::demo {

std::vector<DemoLogin> createDemoLogins(store::Store& store, services::AccountService& accounts,
                                        const std::string& workerCode,
                                        const std::string& holderCode, const std::string& actor) {
    std::string trainerCode;
    std::string trainerName;
    std::string workerName;
    std::string holderName;
    {
        auto r = store.read();
        auto& people = r->people();
        auto& cohorts = r->cohorts();
        const auto worker = people.resolve(workerCode);
        if (!worker) throw std::invalid_argument("no demo worker " + workerCode);
        workerName = worker->name;
        if (!holderCode.empty()) {
            const auto holder = people.resolve(holderCode);
            if (!holder) throw std::invalid_argument("no demo holder " + holderCode);
            holderName = holder->name;
        }
        for (const auto& c : cohorts.cohortsOf(worker->id)) {
            const auto trainers = cohorts.trainers(c.id);
            if (trainers.empty()) continue;
            const auto trainer = people.find(trainers.front());
            trainerCode = trainer->code;
            trainerName = trainer->name;
            break;
        }
    }
    // Demo passwords: printed on purpose, for a database that holds invented people only.
    std::vector<DemoLogin> logins{
        {"admin", "demo-admin-2025", "admin", "", ""},
        {"trainer", "demo-trainer-2025", "trainer", trainerCode, trainerName},
        {"worker", "demo-worker-2025", "worker", workerCode, workerName},
    };
    if (!holderCode.empty())
        logins.push_back({"holder", "demo-holder-2025", "worker", holderCode, holderName});
    for (const auto& l : logins) {
        services::NewAccount account{l.username, l.role, std::nullopt, l.password};
        if (!l.personCode.empty()) account.person = l.personCode;
        accounts.createAccount(account, actor);
    }
    return logins;
}

} // namespace yanzhen::demo
