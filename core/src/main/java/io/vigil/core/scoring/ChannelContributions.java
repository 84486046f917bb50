package io.vigil.core.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks channels by their share of a reconstruction error, to tell an operator which sensors drove
 * an anomaly.
 *
 * <p>{@code share = channel score / sum of channel scores}. The order is by share, largest first,
 * ties broken by feature order (earlier channel first), so the result is deterministic for equal
 * inputs. When every channel scores 0 all shares are 0 and the order is the feature order.
 */
public final class ChannelContributions {
  private ChannelContributions() {}

  /**
   * Returns the top {@code k} channels by share.
   *
   * @param scores per-channel scores with names
   * @param k how many to return, >= 0; fewer when there are fewer channels
   * @return at most {@code k} contributions, largest share first
   */
  public static List<ChannelShare> top(ChannelScores scores, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("top channels: k must be >= 0, found " + k);
    }
    List<ChannelShare> all = shares(scores);
    List<Integer> order = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      order.add(i);
    }
    // Stable sort by descending share; equal shares keep feature order.
    order.sort(Comparator.comparingDouble((Integer i) -> all.get(i).share()).reversed());
    List<ChannelShare> top = new ArrayList<>(Math.min(k, all.size()));
    for (int i = 0; i < Math.min(k, all.size()); i++) {
      top.add(all.get(order.get(i)));
    }
    return List.copyOf(top);
  }

  /**
   * Returns every channel's share, in feature order.
   *
   * @param scores per-channel scores with names
   * @return one contribution per channel
   */
  public static List<ChannelShare> shares(ChannelScores scores) {
    double sum = 0;
    for (int i = 0; i < scores.size(); i++) {
      sum += scores.score(i);
    }
    List<ChannelShare> shares = new ArrayList<>(scores.size());
    for (int i = 0; i < scores.size(); i++) {
      double share = sum > 0 ? scores.score(i) / sum : 0.0;
      shares.add(new ChannelShare(scores.channels().get(i), scores.score(i), share));
    }
    return List.copyOf(shares);
  }
}
