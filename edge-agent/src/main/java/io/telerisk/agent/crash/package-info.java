/** Crash-candidate detection (impact plus speed drop) with its raw window and the driver's dismissal window. */
package io.telerisk.agent.crash;
