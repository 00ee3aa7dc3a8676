/// \file AccountRepository.hpp
/// Accounts (who may log in, with which role, linked to which person) and their credentials:
/// browser sessions and API tokens. Only hashes are kept: a password as its Argon2id string,
/// a token and a CSRF token as the BLAKE2b hash of the token. The rules (what a password must
/// be, when a token is still good, what gets audited) live in services/AccountService; these
/// functions write rows and leave the audit entry to their caller, who knows what happened.
#pragma once

#include "Database.hpp"
#include "store/Records.hpp"
#include "WriteTransaction.hpp"

#include <Poco/Data/Session.h>

#include <optional>
#include <string>
#include <vector>

namespace yanzhen::store {

/// The live-or-not token whose hash is `tokenHash`, with its account, or nothing: the same
/// answer as AccountRepository::findByTokenHash (which also reads inside a write), on a
/// statement the reader keeps prepared, because every authenticated request asks it (a fifth
/// of a progress request when compiled each time).
std::optional<TokenOwner> findTokenOwner(Database::Reader& reader, const std::string& tokenHash);

class AccountRepository {
public:
    /// `session` must outlive the repository; inside a write, pass tx.session().
    explicit AccountRepository(Poco::Data::Session& session) : session_(session) {}

    /// Inserts an account (created now); throws Poco::Data exceptions on a taken username.
    Id add(WriteTransaction& tx, const Account& account);
    std::optional<Account> find(Id id);
    std::optional<Account> findByUsername(const std::string& username);
    /// The account linked to `person`, if any (the first one, by id).
    std::optional<Account> findByPerson(Id person);
    /// Every account, by username.
    std::vector<Account> list();
    void setPasswordHash(WriteTransaction& tx, Id account, const std::string& hash);
    void setDisabled(WriteTransaction& tx, Id account, bool disabled);

    /// Inserts a token row as given (its `id` is ignored); returns its id.
    Id addToken(WriteTransaction& tx, const AuthToken& token);
    std::optional<AuthToken> token(Id id);
    /// The token stored under `tokenHash`, with its account, whatever its state.
    std::optional<TokenOwner> findByTokenHash(const std::string& tokenHash);
    /// Every token of an account, newest first.
    std::vector<AuthToken> tokensOf(Id account);
    /// Sets a token's last use, and its expiry when `expiresAt` is given ("" removes it).
    void touchToken(WriteTransaction& tx, Id token, const std::string& lastUsedAt,
                    const std::optional<std::string>& expiresAt);
    /// Marks a token revoked at `at` unless it already is; true when it was live before.
    bool revokeToken(WriteTransaction& tx, Id token, const std::string& at);
    /// Revokes every token of an account not revoked yet, only of `kind` when given; returns
    /// how many. Expired ones are revoked too: harmless, and the listing then says so.
    std::size_t revokeTokensOf(WriteTransaction& tx, Id account,
                               const std::optional<std::string>& kind, const std::string& at);

private:
    Poco::Data::Session& session_;
};

} // namespace yanzhen::store
