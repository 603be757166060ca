/**
 * Step 5 on SageMaker: the seeded train/test split in S3, a training job named by the workflow and awaited by a
 * heartbeating poll, the candidate registered into the use case's model package group pending manual approval.
 *
 * <p>Tested on moto 5.2.5 ({@code AwsTrainingActivitiesIT}); where the emulator falls short, the next kind of test
 * covers it:
 * <ul>
 *   <li>Training jobs complete the moment they are created, write no model file to the output path and report one
 *       fixed metric ({@code train:progress}): running, failed and stopped jobs are covered with a mocked client
 *       ({@code AwsTrainingActivitiesTest}); the model file itself is never read here.
 *   <li>CreateTrainingJob and CreateModelPackageGroup overwrite an existing resource instead of refusing it, and
 *       CreateModelPackage ignores its client token: the activities describe or list before they create, which is
 *       also the lasting guard on SageMaker, whose tokens expire.
 *   <li>ModelCard on CreateModelPackage is dropped: the card is checked on the request as sent, read by an
 *       execution interceptor.
 *   <li>Content of model cards is not validated against the model card JSON schema, on cards or on packages.
 * </ul>
 * The default image, built-in XGBoost, reads CSV without a header, with the label first and numbers only: the train
 * channel is written so ({@code FeatureEncoding}: label 1/0, text columns one-hot), and the encoding is kept as the
 * model version's {@code feature-encoding} evidence. The model package is an inference pipeline
 * ({@code InferencePipeline}): a scikit-learn container running govflow's encoder script in front of the trained
 * model, so batch transforms and endpoints take the dataset's rows as they are and encode them as training did
 * ({@code FeatureEncoderScriptIT} holds the script to {@code FeatureEncoding} byte for byte).
 * The test split keeps the dataset's header and values for model evaluation.
 */
package io.govflow.training.aws;
