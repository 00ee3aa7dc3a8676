#include "AccountRepository.hpp"
#include "PreparedUse.hpp"

#include "RowReader.hpp"

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

namespace yanzhen::store {

using namespace Poco::Data::Keywords;

namespace {

const char* const kAccountColumns =
    "a.id, a.username, a.person_id, a.role, a.password_hash, a.disabled, a.created_at";
const char* const kTokenColumns =
    "t.id, t.account_id, t.kind, t.token_hash, t.csrf_hash, t.label, t.created_at,"
    " t.expires_at, t.last_used_at, t.revoked_at";

/// Reads the account columns starting at column `at`.
Account readAccount(Poco::Data::RecordSet& rs, std::size_t at = 0) {
    Account a;
    a.id = integer(rs, at);
    a.username = text(rs, at + 1);
    a.personId = optionalInteger(rs, at + 2);
    a.role = text(rs, at + 3);
    a.passwordHash = text(rs, at + 4);
    a.disabled = integer(rs, at + 5) != 0;
    a.createdAt = text(rs, at + 6);
    return a;
}

AuthToken readToken(Poco::Data::RecordSet& rs) {
    AuthToken t;
    t.id = integer(rs, 0);
    t.accountId = integer(rs, 1);
    t.kind = text(rs, 2);
    t.tokenHash = text(rs, 3);
    t.csrfHash = text(rs, 4);
    t.label = text(rs, 5);
    t.createdAt = text(rs, 6);
    t.expiresAt = text(rs, 7);
    t.lastUsedAt = text(rs, 8);
    t.revokedAt = text(rs, 9);
    return t;
}

/// NULL for an empty string: the columns that may be absent hold NULL, never "".
Poco::Nullable<std::string> orNull(const std::string& s) {
    Poco::Nullable<std::string> out;
    if (!s.empty()) out = s;
    return out;
}

std::optional<Account> oneAccount(Poco::Data::Statement& st) {
    std::optional<Account> out;
    forEachRow(st, [&](auto& rs) {
        if (!out) out = readAccount(rs);
    });
    return out;
}

int changes(Poco::Data::Session& session) {
    int n = 0;
    session << "SELECT changes()", into(n), now;
    return n;
}

} // namespace

Id AccountRepository::add(WriteTransaction& tx, const Account& a) {
    Poco::Nullable<Id> person;
    if (a.personId) person = *a.personId;
    const int disabled = a.disabled ? 1 : 0;
    tx.session()
        << "INSERT INTO accounts(username, person_id, role, password_hash, disabled, created_at)"
           " VALUES(?, ?, ?, ?, ?, ?)",
        bind(a.username), bind(person), bind(a.role), bind(orNull(a.passwordHash)), bind(disabled),
        bind(tx.now()), now;
    return tx.lastInsertId();
}

std::optional<Account> AccountRepository::find(Id id) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kAccountColumns << " FROM accounts a WHERE a.id = ?", bind(id);
    return oneAccount(st);
}

std::optional<Account> AccountRepository::findByUsername(const std::string& username) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kAccountColumns << " FROM accounts a WHERE a.username = ?", bind(username);
    return oneAccount(st);
}

std::optional<Account> AccountRepository::findByPerson(Id person) {
    Poco::Data::Statement st(session_);
    st << "SELECT " << kAccountColumns
       << " FROM accounts a WHERE a.person_id = ? ORDER BY a.id LIMIT 1",
        bind(person);
    return oneAccount(st);
}

std::vector<Account> AccountRepository::list() {
    std::vector<Account> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kAccountColumns << " FROM accounts a ORDER BY a.username";
    forEachRow(st, [&](auto& rs) { out.push_back(readAccount(rs)); });
    return out;
}

void AccountRepository::setPasswordHash(WriteTransaction& tx, Id account, const std::string& hash) {
    tx.session() << "UPDATE accounts SET password_hash = ? WHERE id = ?", bind(hash), bind(account),
        now;
}

void AccountRepository::setDisabled(WriteTransaction& tx, Id account, bool disabled) {
    const int flag = disabled ? 1 : 0;
    tx.session() << "UPDATE accounts SET disabled = ? WHERE id = ?", bind(flag), bind(account), now;
}

Id AccountRepository::addToken(WriteTransaction& tx, const AuthToken& t) {
    tx.session() << "INSERT INTO auth_tokens(account_id, kind, token_hash, csrf_hash, label, "
                    "created_at, expires_at,"
                    " last_used_at, revoked_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
        bind(t.accountId), bind(t.kind), bind(t.tokenHash), bind(orNull(t.csrfHash)),
        bind(orNull(t.label)), bind(t.createdAt), bind(orNull(t.expiresAt)),
        bind(orNull(t.lastUsedAt)), bind(orNull(t.revokedAt)), now;
    return tx.lastInsertId();
}

std::optional<AuthToken> AccountRepository::token(Id id) {
    std::optional<AuthToken> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kTokenColumns << " FROM auth_tokens t WHERE t.id = ?", bind(id);
    forEachRow(st, [&](auto& rs) { out = readToken(rs); });
    return out;
}

std::optional<TokenOwner> AccountRepository::findByTokenHash(const std::string& tokenHash) {
    std::optional<TokenOwner> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kTokenColumns << ", " << kAccountColumns
       << " FROM auth_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ?",
        bind(tokenHash);
    forEachRow(st, [&](auto& rs) { out = TokenOwner{readToken(rs), readAccount(rs, 10)}; });
    return out;
}

std::vector<AuthToken> AccountRepository::tokensOf(Id account) {
    std::vector<AuthToken> out;
    Poco::Data::Statement st(session_);
    st << "SELECT " << kTokenColumns
       << " FROM auth_tokens t WHERE t.account_id = ? ORDER BY t.id DESC",
        bind(account);
    forEachRow(st, [&](auto& rs) { out.push_back(readToken(rs)); });
    return out;
}

void AccountRepository::touchToken(WriteTransaction& tx, Id token, const std::string& lastUsedAt,
                                   const std::optional<std::string>& expiresAt) {
    if (expiresAt) {
        tx.session() << "UPDATE auth_tokens SET last_used_at = ?, expires_at = ? WHERE id = ?",
            bind(lastUsedAt), bind(orNull(*expiresAt)), bind(token), now;
        return;
    }
    tx.session() << "UPDATE auth_tokens SET last_used_at = ? WHERE id = ?", bind(lastUsedAt),
        bind(token), now;
}

bool AccountRepository::revokeToken(WriteTransaction& tx, Id token, const std::string& at) {
    tx.session() << "UPDATE auth_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        bind(at), bind(token), now;
    return changes(tx.session()) > 0;
}

std::size_t AccountRepository::revokeTokensOf(WriteTransaction& tx, Id account,
                                              const std::optional<std::string>& kind,
                                              const std::string& at) {
    if (kind) {
        tx.session() << "UPDATE auth_tokens SET revoked_at = ? WHERE account_id = ? AND kind = ?"
                        " AND revoked_at IS NULL",
            bind(at), bind(account), bind(*kind), now;
    } else {
        tx.session()
            << "UPDATE auth_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
            bind(at), bind(account), now;
    }
    return static_cast<std::size_t>(changes(tx.session()));
}

std::optional<TokenOwner> findTokenOwner(Database::Reader& reader, const std::string& tokenHash) {
    static const std::string sql = std::string("SELECT ") + kTokenColumns + ", " + kAccountColumns +
                                   " FROM auth_tokens t JOIN accounts a ON a.id = t.account_id"
                                   " WHERE t.token_hash = ?";
    PreparedUse u(reader, sql);
    u.bind(1, tokenHash);
    if (!u.step()) return std::nullopt;
    TokenOwner o;
    o.token.id = u.integer(0);
    o.token.accountId = u.integer(1);
    u.text(2, o.token.kind);
    u.text(3, o.token.tokenHash);
    u.text(4, o.token.csrfHash);
    u.text(5, o.token.label);
    u.text(6, o.token.createdAt);
    u.text(7, o.token.expiresAt);
    u.text(8, o.token.lastUsedAt);
    u.text(9, o.token.revokedAt);
    o.account.id = u.integer(10);
    u.text(11, o.account.username);
    if (!u.null(12)) o.account.personId = u.integer(12);
    u.text(13, o.account.role);
    u.text(14, o.account.passwordHash);
    o.account.disabled = u.integer(15) != 0;
    u.text(16, o.account.createdAt);
    return o;
}

} // namespace yanzhen::store
