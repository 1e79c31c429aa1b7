namespace Rlvr.Training.Curriculum;

/// <param name="PEasy">Initial p_easy: the base keep probability after an all-correct group.</param>
/// <param name="PHard">Initial p_hard: the base keep probability after an all-wrong group.</param>
/// <param name="TargetZeroVariance">alpha: the share of zero-variance groups the self-tuning aims at, a third easy and two thirds hard.</param>
/// <param name="AdjustStep">How far one step's self-tuning moves p_easy or p_hard.</param>
/// <param name="PMin">The least p_easy and p_hard may be tuned to.</param>
/// <param name="PMax">The most p_easy and p_hard may be tuned to.</param>
/// <param name="KeepFloor">The least keep probability of a prompt, however long its run: no prompt is retired for good.</param>
/// <param name="CandidateFactor">A round examines at most this many candidates per prompt it asks for.</param>
public sealed record GresoOptions(
    double PEasy = 0.5,
    double PHard = 0.5,
    double TargetZeroVariance = 0.25,
    double AdjustStep = 0.01,
    double PMin = 0.05,
    double PMax = 0.95,
    double KeepFloor = 0.01,
    int CandidateFactor = 12);
