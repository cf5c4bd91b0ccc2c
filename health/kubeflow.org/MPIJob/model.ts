import { trainingJobModel } from '../training-job';

export const MODEL = trainingJobModel('MPIJob');
