// Package notify tells people when directory sync needs them: it turns the incidents that
// database triggers record (a held run, a failing or quarantined connection, a broken
// directory) and the weekly digest into one mail per recipient and delivers the outbox
// over SMTP from every replica, each message once.
//
// The flow: a trigger writes an incident and its messages in the transaction of the change
// (db migration 20261201070100); Sender claims due messages with a lease, writes each mail
// (Compose), hands it to a Mailer and records the outcome, retrying with backoff.
package notify
