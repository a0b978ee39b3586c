/** The transaction port shared by the claims ports (claims and their audit ledger are written together). */
package io.telerisk.claims.tx;
