/**
 * NMEA 0183 GNSS input: RMC, GGA and VTG from GP, GN, GL, GA, GB and BD talkers, checksum verified, fused per
 * epoch into fixes; every rejected line carries a counted reason.
 */
package io.telerisk.agent.nmea;
