package io.vigil.core.scoring;

/**
 * One channel's part in a reconstruction error: its own score and its fraction of the total.
 *
 * @param channel the channel (feature) name
 * @param score the channel's score (or accumulated score over an episode)
 * @param share {@code score / sum of all channel scores}, in [0, 1]; 0 when the sum is 0
 */
public record ChannelShare(String channel, double score, double share) {}
